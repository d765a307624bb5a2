// The app's state in one place: profiles, sessions, settings, each profile's tabs (with their
// back/forward pages and responses), the window's layout; and the actions that change it. Panels
// read it through useApp() and call actions; only actions talk to the backend (through api/).
import { createContext, useContext } from "react";
import type {
  AdvertisedLink,
  AppStatus,
  Backend,
  ConnectionProfile,
  DiscoverEvent,
  ErrorReport,
  HeaderSide,
  LoginView,
  RequestAuth,
  RequestDraft,
  SavedLinks,
  SentResponse,
  SessionBadge,
  Settings,
  TaskView,
  VcdFacts,
  VersionList,
} from "../api/backend";
import { loadLayout, saveLayout, stepZoom, type Layout } from "./layout";
import { createStore, useSelector, type Store } from "./store";

/** One request and what came back. */
export interface Page {
  draft: RequestDraft;
  /** Held in memory only: pasted credentials are never saved. */
  auth: RequestAuth;
  sent: SentResponse | null;
  error: ErrorReport | null;
  /** Edited since it was last sent (the tab shows a mark). */
  edited: boolean;
  /** The name of the link or reference the page was opened from: the tab's title until the
   * answer names its entity. */
  name?: string | null;
}

/** A link or reference to follow, as the Links panel offers it. */
export interface FollowTarget {
  method: string;
  href: string;
  type: string | null;
  /** The link's rel, or a reference's element. */
  rel: string;
  name: string | null;
}

/** The response views a user picks; the error view is picked for them when there is an error. */
export type ResponseTabName = "body" | "headers" | "links" | "wire";

export interface RequestTab {
  kind: "request";
  id: number;
  pages: Page[];
  /** The page shown; Back and Forward move it. */
  at: number;
  /** Opened empty by the user (Ctrl+T, +): its URL box takes the focus. */
  fresh?: boolean;
}

/** The profile's connection: details, versions, log in and out, the login exchange. */
export interface ConnectionTab {
  kind: "connection";
  id: number;
}

export type Tab = ConnectionTab | RequestTab;

export interface ProfileTabs {
  tabs: Tab[];
  activeId: number;
}

/** Asking a profile's server for its API versions (the Connection tab's table). */
export type VersionsLoad =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "loaded"; list: VersionList }
  | { state: "failed"; error: ErrorReport };

export type Editing = null | { profile: ConnectionProfile } | { settings: true };

export interface AppState {
  profiles: ConnectionProfile[] | null;
  bootError: ErrorReport | null;
  selectedId: string | null;
  status: AppStatus | null;
  statusAt: number;
  logins: Record<string, LoginView>;
  editing: Editing;
  note: string | null;
  settings: Settings;
  /** Each profile's tabs; they outlive profile switches, logouts and the editor. */
  tabs: Record<string, ProfileTabs>;
  /** The request in flight of each tab, by tab id. */
  inFlight: Record<number, number>;
  /** Each profile's answer to GET /api/versions; its active versions are the composer's picker. */
  versionLists: Record<string, VersionsLoad>;
  /** The version the picker shows, per profile. */
  version: Record<string, string>;
  /** Bumped when a response arrives, so counts of seen links refresh. */
  revision: number;
  /** The response view the user last picked: following a link keeps it. */
  responseTab: ResponseTabName;
  layout: Layout;
  helpOpen: boolean;
  /** VCD's facts as vcd-api declares them (media types, paths, the default version); the UI
   * writes none of them itself. Null until they have arrived. */
  facts: VcdFacts | null;
  /** Every task seen in this run, by href, as its last poll left it. */
  tasks: Record<string, TaskView>;
  /** A task that has just ended, for the in-app notice (its entity can be reloaded from it). */
  endedTask: TaskView | null;
}

/** Whether a task is still to end. */
export function taskRunning(view: TaskView): boolean {
  const s = view.task.status;
  return s === "queued" || s === "preRunning" || s === "running";
}

/** A task's name as the notices and lists write it: VCD's operation sentence, else its name. */
export function taskTitle(view: TaskView): string {
  const t = view.task;
  return t.operation || t.operation_name || "Task";
}

/** The session's tasks as the Tasks section lists them: running first, then ended, newest first. */
export function listedTasks(tasks: Record<string, TaskView>): TaskView[] {
  return Object.values(tasks).sort(
    (a, b) => Number(taskRunning(b)) - Number(taskRunning(a)) || b.seen_at_ms - a.seen_at_ms,
  );
}

/** Pages further back than this keep their request but not their response. */
export const KEPT_PAGES_WITH_RESPONSES = 4;

export const INHERIT: RequestAuth = { kind: "inherit" };

let lastId = 0;
const nextId = () => ++lastId;

export function tabTitle(tab: Tab): string {
  if (tab.kind === "connection") return "Connection";
  const page = tab.pages[tab.at];
  if (!page) return "";
  // The entity's name once the answer has one, the link's before; else the path's last part.
  const named = (page.sent?.view.entity_name ?? page.name ?? "").trim();
  if (named) return named.length > 32 ? `${named.slice(0, 31)}…` : named;
  const path = page.draft.url.replace(/^https?:\/\/[^/]+/, "").replace(/\?.*$/, "");
  const last = path.split("/").filter(Boolean).slice(-1)[0] ?? path;
  // A long id (vm-3f2a…) is cut: the tab's tooltip has the whole URL.
  return !last ? "/" : last.length > 24 ? `${last.slice(0, 23)}…` : last;
}

/** The version a login will use, as vcd-core chooses it: the one picked (table or composer), else
 * the profile's pinned one, else the server's default (its newest active). */
export function versionToUse(list: VersionList | null, picked: string | null, pinned: string | null): string | null {
  return picked ?? pinned ?? list?.default ?? list?.versions[0]?.version ?? null;
}

/** Whether two hrefs name the same resource (VCD writes some with a trailing slash). */
export function sameResource(a: string, b: string): boolean {
  const norm = (u: string) => u.trim().replace(/\/+$/, "").toLowerCase();
  return norm(a) === norm(b);
}

export function currentPage(tab: Tab | undefined): Page | null {
  return tab?.kind === "request" ? (tab.pages[tab.at] ?? null) : null;
}

/** A blank profile for the editor (+ New, Ctrl+N). */
export function emptyProfile(): ConnectionProfile {
  return {
    id: "",
    name: "",
    base_url: "https://",
    org: "",
    user: "",
    auth: "password",
    api_version: null,
    trust: { mode: "system" },
    session_header: "bearer",
    proxy: null,
    builtin_simulator: false,
    variables: {},
  };
}

function initialState(): AppState {
  return {
    profiles: null,
    bootError: null,
    selectedId: null,
    status: null,
    statusAt: Date.now(),
    logins: {},
    editing: null,
    note: null,
    settings: { large_body_mb: 5, max_body_mb: 2048, fetch_concurrency: 4, variables: {} },
    tabs: {},
    inFlight: {},
    versionLists: {},
    version: {},
    revision: 0,
    responseTab: "body",
    layout: loadLayout(),
    helpOpen: false,
    facts: null,
    tasks: {},
    endedTask: null,
  };
}

export function createApp(backend: Backend) {
  const store = createStore<AppState>(initialState());
  const get = store.get;
  const set = store.set;

  const profileTabs = (profileId: string): ProfileTabs => {
    const existing = get().tabs[profileId];
    if (existing) return existing;
    const connection: ConnectionTab = { kind: "connection", id: nextId() };
    const fresh = { tabs: [connection], activeId: connection.id };
    set((s) => ({ ...s, tabs: { ...s.tabs, [profileId]: fresh } }));
    return fresh;
  };

  const updateTabs = (profileId: string, update: (t: ProfileTabs) => ProfileTabs) =>
    set((s) => {
      const current = s.tabs[profileId];
      return current ? { ...s, tabs: { ...s.tabs, [profileId]: update(current) } } : s;
    });

  const updatePage = (profileId: string, tabId: number, index: number, patch: Partial<Page>) =>
    updateTabs(profileId, (t) => ({
      ...t,
      tabs: t.tabs.map((tab) =>
        tab.id === tabId && tab.kind === "request"
          ? { ...tab, pages: tab.pages.map((p, i) => (i === index ? { ...p, ...patch } : p)) }
          : tab,
      ),
    }));

  /** Older pages drop their responses: a tab's memory stays bounded however far it walks. */
  const capResponses = (pages: Page[], at: number): Page[] =>
    pages.map((p, i) => (Math.abs(i - at) >= KEPT_PAGES_WITH_RESPONSES && p.sent ? { ...p, sent: null } : p));

  const sessionVersion = (profileId: string): string | null =>
    get().status?.sessions.find((b) => b.profile_id === profileId)?.summary.version ?? null;

  const pickerVersion = (profileId: string): string =>
    get().version[profileId] ??
    sessionVersion(profileId) ??
    get().status?.simulator?.max_api ??
    get().facts?.default_version ??
    "";

  const prefill = (
    profileId: string,
    method: string,
    url: string,
    mediaType: string | null,
    body: string | null = null,
    advertised: AdvertisedLink | null = null,
  ) =>
    backend.prefillRequest({ method, url, media_type: mediaType, version: pickerVersion(profileId), body, advertised });

  /** The current XML of the entity a PUT goes to: the page's own body when the link is the page
   * itself, else the entity as the server has it now (a VM's edit on a vApp page starts from the
   * VM, not the vApp). */
  const currentBody = async (profileId: string, page: Page, target: FollowTarget) => {
    if (page.sent && sameResource(page.sent.view.url, target.href)) return actions.wholeBody(page.sent.id);
    const draft = await prefill(profileId, "GET", target.href, target.type);
    const got = await backend.sendRequest(profileId, nextId(), draft, page.auth);
    if (got.view.status >= 400) {
      throw {
        kind: "http",
        message: `The ${target.method} could not start from the entity's current XML: GET ${target.href} answered HTTP ${got.view.status}${got.view.error ? `: ${got.view.error.message}` : ""}.`,
        fingerprint: null,
        status: got.view.status,
        nearest_version: null,
      } satisfies ErrorReport;
    }
    return actions.wholeBody(got.id);
  };

  /** A poll's news of a task: kept, and when it has just ended, the notice says so. */
  const taskUpdated = (view: TaskView) =>
    set((s) => {
      const before = s.tasks[view.task.href];
      // An older poll arriving late must not undo a newer one.
      if (before && !taskRunning(before) && taskRunning(view)) return s;
      const ended = (!before || taskRunning(before)) && !taskRunning(view);
      return { ...s, tasks: { ...s.tasks, [view.task.href]: view }, endedTask: ended ? view : s.endedTask };
    });

  /** Tab and page of the request tab whose current page shows `href`, if one does. */
  const tabShowing = (profileId: string, href: string): RequestTab | null => {
    for (const tab of get().tabs[profileId]?.tabs ?? []) {
      const page = currentPage(tab);
      if (tab.kind === "request" && page?.sent && sameResource(page.sent.view.url, href)) return tab;
    }
    return null;
  };

  const actions = {
    async boot() {
      void backend.onTaskProgress?.((view) => taskUpdated(view));
      await backend
        .vcdFacts()
        .then((facts) => set((s) => ({ ...s, facts })))
        .catch((e) => set((s) => ({ ...s, note: `VCD's facts could not be read: ${(e as ErrorReport).message}` })));
      backend
        .getSettings()
        .then((settings) => set((s) => ({ ...s, settings })))
        .catch((e) =>
          set((s) => ({ ...s, note: `Settings could not be read, the defaults apply: ${(e as ErrorReport).message}` })),
        );
      await backend.setZoom(get().layout.zoom).catch(() => undefined);
      await actions.refresh();
    },

    async refresh() {
      try {
        const [list, status] = await Promise.all([backend.listProfiles(), backend.appStatus()]);
        set((s) => {
          const selectedId =
            s.selectedId && list.some((p) => p.id === s.selectedId) ? s.selectedId : (list[0]?.id ?? null);
          return { ...s, profiles: list, status, statusAt: Date.now(), selectedId };
        });
        const selected = get().selectedId;
        if (selected) profileTabs(selected);
      } catch (err) {
        set((s) => ({ ...s, bootError: err as ErrorReport }));
      }
    },

    /** The status bar's facts only (sessions, simulator), as after a send: the profiles are unchanged. */
    async refreshStatus() {
      try {
        const status = await backend.appStatus();
        set((s) => ({ ...s, status, statusAt: Date.now() }));
      } catch (err) {
        set((s) => ({ ...s, note: `The status could not be read: ${(err as ErrorReport).message}` }));
      }
    },

    selectProfile(id: string) {
      set((s) => ({ ...s, selectedId: id, editing: null }));
      profileTabs(id);
    },

    edit(editing: Editing) {
      set((s) => ({ ...s, editing }));
    },

    setNote(note: string | null) {
      set((s) => ({ ...s, note }));
    },

    setSettings(settings: Settings) {
      set((s) => ({ ...s, settings }));
    },

    forgetLogin(profileId: string) {
      set((s) => {
        const { [profileId]: _, ...logins } = s.logins;
        return { ...s, logins };
      });
    },

    /** After a login: its exchange is kept for the Connection view, the picker learns the server's
     * versions, and a first request tab (the Session, where the guide starts) is added. */
    async loggedIn(profileId: string, view: LoginView) {
      set((s) => ({
        ...s,
        logins: { ...s.logins, [profileId]: view },
        version: { ...s.version, [profileId]: view.badge.summary.version },
      }));
      await actions.refresh();
      const tabs = profileTabs(profileId);
      if (!tabs.tabs.some((t) => t.kind === "request")) {
        await actions.newTab(profileId, get().facts?.session_path, false);
      }
      if (get().versionLists[profileId]?.state !== "loaded") void actions.fetchVersions(profileId);
    },

    /** GET /api/versions for a profile (no login needed); the demo profile starts the simulator. */
    async fetchVersions(profileId: string) {
      const put = (load: VersionsLoad) =>
        set((s) => ({ ...s, versionLists: { ...s.versionLists, [profileId]: load } }));
      put({ state: "loading" });
      try {
        put({ state: "loaded", list: await backend.getVersions(profileId) });
      } catch (err) {
        put({ state: "failed", error: err as ErrorReport });
      } finally {
        // The status bar shows the simulator once it runs.
        void actions.refreshStatus();
      }
    },

    async loggedOut(profileId: string) {
      actions.forgetLogin(profileId);
      await actions.refresh();
    },

    selectTab(profileId: string, tabId: number) {
      updateTabs(profileId, (t) => ({ ...t, activeId: tabId }));
    },

    /** A new request tab (GET /api/org unless told), shown at once unless `show` is false. */
    async newTab(profileId: string, url?: string, show = true) {
      try {
        url ??= get().facts?.org_list_path ?? "";
        const draft = await prefill(profileId, "GET", url, null);
        const tab: RequestTab = {
          kind: "request",
          id: nextId(),
          pages: [{ draft, auth: INHERIT, sent: null, error: null, edited: false }],
          at: 0,
          fresh: show,
        };
        profileTabs(profileId);
        updateTabs(profileId, (t) => ({ tabs: [...t.tabs, tab], activeId: show ? tab.id : t.activeId }));
      } catch (e) {
        set((s) => ({ ...s, note: `A new tab could not be prepared: ${(e as ErrorReport).message}` }));
      }
    },

    /** Closes a request tab (the Connection tab stays); its neighbour becomes active. */
    closeTab(profileId: string, tabId: number) {
      const inFlight = get().inFlight[tabId];
      if (inFlight !== undefined) void backend.cancelRequest(inFlight);
      updateTabs(profileId, (t) => {
        const index = t.tabs.findIndex((tab) => tab.id === tabId);
        const tab = t.tabs[index];
        if (!tab || tab.kind === "connection") return t;
        const tabs = t.tabs.filter((x) => x.id !== tabId);
        const neighbour = tabs[Math.min(index, tabs.length - 1)] ?? tabs[0];
        return { tabs, activeId: t.activeId === tabId && neighbour ? neighbour.id : t.activeId };
      });
    },

    /** The next (+1) or previous (-1) tab, wrapping around. */
    cycleTab(profileId: string, delta: 1 | -1) {
      updateTabs(profileId, (t) => {
        const index = t.tabs.findIndex((tab) => tab.id === t.activeId);
        const next = t.tabs[(index + delta + t.tabs.length) % t.tabs.length];
        return next ? { ...t, activeId: next.id } : t;
      });
    },

    editDraft(profileId: string, tabId: number, draft: RequestDraft) {
      const tab = get().tabs[profileId]?.tabs.find((t) => t.id === tabId);
      if (tab?.kind !== "request") return;
      updatePage(profileId, tabId, tab.at, { draft, edited: true });
    },

    editAuth(profileId: string, tabId: number, auth: RequestAuth) {
      const tab = get().tabs[profileId]?.tabs.find((t) => t.id === tabId);
      if (tab?.kind !== "request") return;
      updatePage(profileId, tabId, tab.at, { auth, edited: true });
    },

    /** Sends a tab's current page; the answer replaces its response. */
    async send(profileId: string, tabId: number) {
      const tab = get().tabs[profileId]?.tabs.find((t) => t.id === tabId);
      const page = currentPage(tab);
      if (!tab || tab.kind !== "request" || !page || get().inFlight[tabId] !== undefined) return;
      const index = tab.at;
      const requestId = nextId();
      set((s) => ({ ...s, inFlight: { ...s.inFlight, [tabId]: requestId } }));
      updatePage(profileId, tabId, index, { error: null });
      try {
        const sent = await backend.sendRequest(profileId, requestId, page.draft, page.auth);
        updatePage(profileId, tabId, index, { sent, error: null, edited: false });
        set((s) => ({ ...s, revision: s.revision + 1 }));
        actions.trackTasks(profileId, sent.tasks);
      } catch (e) {
        updatePage(profileId, tabId, index, { error: e as ErrorReport, edited: false });
      } finally {
        set((s) => {
          if (s.inFlight[tabId] !== requestId) return s;
          const { [tabId]: _, ...inFlight } = s.inFlight;
          return { ...s, inFlight };
        });
        // The session's idle time restarted, or a re-login changed it.
        void actions.refreshStatus();
      }
    },

    /** Keeps the tasks an answer showed and follows the running ones to their end. */
    trackTasks(profileId: string, views: TaskView[]) {
      for (const view of views) {
        const known = get().tasks[view.task.href];
        if (!known || taskRunning(known)) taskUpdated(view);
        if (!taskRunning(view) || (known && !taskRunning(known))) continue;
        backend
          .watchTask(profileId, view.task.href)
          .then(taskUpdated)
          .catch((e) => set((s) => ({ ...s, note: `A task could not be followed: ${(e as ErrorReport).message}` })));
      }
    },

    /** Asks VCD to cancel a running task. */
    async cancelTask(profileId: string, href: string) {
      try {
        taskUpdated(await backend.cancelTask(profileId, href));
      } catch (e) {
        set((s) => ({ ...s, note: (e as ErrorReport).message }));
      }
    },

    dismissEndedTask() {
      set((s) => ({ ...s, endedTask: null }));
    },

    /** Shows an entity as the server has it now: the tab that shows it is sent again, else a new
     * tab opens it. */
    async reloadEntity(profileId: string, href: string, name: string | null) {
      const showing = tabShowing(profileId, href);
      if (showing) {
        updateTabs(profileId, (t) => ({ ...t, activeId: showing.id }));
        await actions.send(profileId, showing.id);
        return;
      }
      try {
        const draft = await prefill(profileId, "GET", href, null);
        const fresh: Page = { draft, auth: INHERIT, sent: null, error: null, edited: false, name };
        const added: RequestTab = { kind: "request", id: nextId(), pages: [fresh], at: 0 };
        updateTabs(profileId, (t) => ({ tabs: [...t.tabs, added], activeId: added.id }));
        await actions.send(profileId, added.id);
      } catch (e) {
        set((s) => ({ ...s, note: `The entity could not be opened: ${(e as ErrorReport).message}` }));
      }
    },

    cancel(tabId: number) {
      const requestId = get().inFlight[tabId];
      if (requestId !== undefined) void backend.cancelRequest(requestId);
    },

    /** A held response's body, pretty or as it came, chunk by chunk: `each` gets every piece with
     * the bytes loaded so far and returns false to stop (a large body arrives without freezing). */
    async readBody(
      id: number,
      formatted: boolean,
      each: (text: string, loaded: number, total: number) => boolean | Promise<boolean>,
    ) {
      let chunk = await backend.responseBody(id, formatted, 0);
      let more = await each(chunk.text, chunk.next ?? chunk.total, chunk.total);
      while (more && chunk.next !== null) {
        chunk = await backend.responseBody(id, formatted, chunk.next);
        more = await each(chunk.text, chunk.next ?? chunk.total, chunk.total);
      }
    },

    /** The raw body of a held response, all chunks. */
    async wholeBody(id: number) {
      let text = "";
      await actions.readBody(id, false, (piece) => {
        text += piece;
        return true;
      });
      return text;
    },

    /** Asks where, then writes a held response's body there as it came; null when cancelled. */
    async saveBody(responseId: number, suggested: string): Promise<{ path: string; bytes: number } | null> {
      const path = await backend.chooseBodyFile(suggested);
      if (!path) return null;
      return { path, bytes: await backend.saveBody(responseId, path) };
    },

    /** Asks where, then saves the links of one response (or, with null, every link the profile has
     * seen in this run); null when cancelled. */
    async saveLinks(profileId: string, responseId: number | null, suggested: string): Promise<SavedLinks | null> {
      const path = await backend.chooseLinksFile(suggested);
      return path ? backend.saveLinks(profileId, responseId, path) : null;
    },

    linksSeen: (profileId: string) => backend.linksSeen(profileId),
    /** Discover: follows GET links from the Session, breadth-first, at most 500 pages. */
    discover: (profileId: string, depth: number) => backend.discoverLinks(profileId, depth, 500),
    cancelDiscover: (profileId: string) => backend.cancelDiscover(profileId),
    onDiscoverProgress: (handler: (event: DiscoverEvent) => void) => backend.onDiscoverProgress(handler),

    /** What an auth puts on the wire, masked, in vcd-core's words (the Auth panel shows it). */
    describeAuth: (auth: RequestAuth, legacySession: boolean) =>
      backend.describeAuth(auth, legacySession ? "legacy" : "bearer"),

    /** The `{{name}}`s a draft uses and their values for the profile. */
    draftVariables: (profileId: string, draft: RequestDraft) => backend.draftVariables(profileId, draft),

    /** Logs in with the secret typed (null: the keyring's, or the demo's own) at the version
     * picked in the versions table or the composer (none picked: the profile's, else the server's
     * default), through the login URL /api/versions names for it. */
    async logIn(profileId: string, secret: string | null) {
      const picked = get().version[profileId] ?? null;
      await actions.loggedIn(profileId, await backend.login(profileId, secret, picked));
    },

    async logOut(profileId: string) {
      await backend.logout(profileId);
      await actions.loggedOut(profileId);
    },

    /** The real value of one masked header of the profile's login exchange. */
    revealHeader: (profileId: string, step: number, side: HeaderSide, index: number) =>
      backend.revealHeader(profileId, step, side, index),

    testConnection: (profile: ConnectionProfile) => backend.testConnection(profile),
    saveProfile: (profile: ConnectionProfile, secret: string | null) => backend.saveProfile(profile, secret),
    deleteProfile: (profileId: string) => backend.deleteProfile(profileId),
    forgetSecret: (profileId: string) => backend.forgetSecret(profileId),

    /** Saves the settings; the requests sent from now on use them. */
    async saveSettings(settings: Settings) {
      const saved = await backend.saveSettings(settings);
      actions.setSettings(saved);
      return saved;
    },

    /** Follows a link: a GET opens here (or in a new tab) and is sent; anything else is prepared in
     * a new tab and waits for Send. A PUT starts from the entity's current XML. */
    async follow(profileId: string, tabId: number, target: FollowTarget, inNewTab: boolean) {
      const tab = get().tabs[profileId]?.tabs.find((t) => t.id === tabId);
      const page = currentPage(tab);
      if (!tab || tab.kind !== "request" || !page) return;
      try {
        const body = target.method === "PUT" ? await currentBody(profileId, page, target) : null;
        // The server advertised this link: its answer's hints say so rather than blame the user.
        const advertised = page.sent ? { page: page.sent.view.url, rel: target.rel } : null;
        const draft = await prefill(profileId, target.method, target.href, target.type, body, advertised);
        const fresh: Page = { draft, auth: INHERIT, sent: null, error: null, edited: false, name: target.name };
        if (target.method === "GET" && !inNewTab) {
          const pages = [...tab.pages.slice(0, tab.at + 1), fresh];
          const at = pages.length - 1;
          updateTabs(profileId, (t) => ({
            ...t,
            tabs: t.tabs.map((x) => (x.id === tabId ? { ...tab, pages: capResponses(pages, at), at } : x)),
          }));
          await actions.send(profileId, tabId);
        } else {
          const added: RequestTab = { kind: "request", id: nextId(), pages: [fresh], at: 0 };
          updateTabs(profileId, (t) => ({ tabs: [...t.tabs, added], activeId: added.id }));
          if (target.method === "GET") await actions.send(profileId, added.id);
        }
      } catch (e) {
        updatePage(profileId, tabId, tab.at, { error: e as ErrorReport });
      }
    },

    /** Back (-1) or Forward (+1) in a tab's pages. */
    move(profileId: string, tabId: number, delta: 1 | -1) {
      updateTabs(profileId, (t) => ({
        ...t,
        tabs: t.tabs.map((tab) =>
          tab.id === tabId && tab.kind === "request"
            ? { ...tab, at: Math.min(Math.max(tab.at + delta, 0), tab.pages.length - 1) }
            : tab,
        ),
      }));
    },

    /** The picker's version; the Accept header of the tab's current page follows it. */
    async changeVersion(profileId: string, tabId: number | null, version: string) {
      set((s) => ({ ...s, version: { ...s.version, [profileId]: version } }));
      const tab = get().tabs[profileId]?.tabs.find((t) => t.id === tabId);
      const page = currentPage(tab);
      if (!tab || tab.kind !== "request" || !page) return;
      // Only the version in the Accept header follows; every other header stays as the user left it.
      const headers = await Promise.all(
        page.draft.headers.map(async (h) =>
          h.name.toLowerCase() === "accept" ? { ...h, value: await backend.acceptWithVersion(h.value, version) } : h,
        ),
      );
      updatePage(profileId, tab.id, tab.at, { draft: { ...page.draft, headers } });
    },

    /** Remembers the response view picked, for the next answer (following a link keeps it). */
    pickResponseTab(tab: ResponseTabName) {
      set((s) => ({ ...s, responseTab: tab }));
    },

    setLayout(patch: Partial<Layout>) {
      set((s) => ({ ...s, layout: { ...s.layout, ...patch } }));
      saveLayout(get().layout);
    },

    async zoom(direction: 1 | -1 | 0) {
      const zoom = direction === 0 ? 1 : stepZoom(get().layout.zoom, direction);
      actions.setLayout({ zoom });
      await backend.setZoom(zoom).catch(() => undefined);
    },

    showHelp(open: boolean) {
      set((s) => ({ ...s, helpOpen: open }));
    },
  };

  return { store, actions };
}

export type App = ReturnType<typeof createApp>;
export type Actions = App["actions"];

export const AppContext = createContext<App | null>(null);

function useAppContext(): App {
  const app = useContext(AppContext);
  if (!app) throw new Error("useApp outside <AppContext.Provider>");
  return app;
}

/** Reads part of the app state; re-renders when that part changes. */
export function useApp<S>(select: (state: AppState) => S): S {
  return useSelector(useAppContext().store as Store<AppState>, select);
}

/** VCD's facts (media types, paths, the default version), null until they have arrived. */
export function useFacts(): VcdFacts | null {
  return useApp((s) => s.facts);
}

/** The live session's badge of a profile, or null when it is logged out. */
export function useBadge(profileId: string | null): SessionBadge | null {
  return useApp((s) => s.status?.sessions.find((b) => b.profile_id === profileId) ?? null);
}

export function useActions(): Actions {
  return useAppContext().actions;
}

