import { useCallback, useEffect, useRef, useState } from "react";
import type {
  Backend,
  ErrorReport,
  RequestAuth,
  RequestDraft,
  SentResponse,
  VariableUse,
} from "../../api/backend";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Spinner } from "../../components/Spinner";
import { Composer } from "./Composer";
import { LinkTools } from "./LinkTools";
import { ResponsePanel } from "./ResponsePanel";

type WorkbenchBackend = Pick<
  Backend,
  | "prefillRequest"
  | "acceptWithVersion"
  | "sendRequest"
  | "cancelRequest"
  | "responseBody"
  | "getVersions"
  | "linksSeen"
  | "saveLinks"
  | "discoverLinks"
  | "cancelDiscover"
  | "onDiscoverProgress"
  | "chooseLinksFile"
  | "draftVariables"
  | "saveBody"
  | "chooseBodyFile"
>;

/** One request and what came back. */
interface Page {
  draft: RequestDraft;
  /** Held in memory only: pasted credentials are never saved. */
  auth: RequestAuth;
  sent: SentResponse | null;
  error: ErrorReport | null;
}

interface Tab {
  id: number;
  pages: Page[];
  /** The page shown; Back and Forward move it. */
  at: number;
}

interface Props {
  profileId: string;
  backend: WorkbenchBackend;
  org: string;
  user: string;
  legacySession: boolean;
  /** The session's API version, the picker's default. */
  version: string;
  largeBodyBytes: number;
  /** After a request: the session's idle clock restarted. */
  onUsed: () => void;
}

const INHERIT: RequestAuth = { kind: "inherit" };
let nextId = 1;
const newId = () => nextId++;

function title(page: Page): string {
  const path = page.draft.url.replace(/^https?:\/\/[^/]+/, "").replace(/\?.*$/, "");
  const last = path.split("/").filter(Boolean).slice(-1)[0] ?? path;
  return `${page.draft.method} ${last || "/"}`;
}

/** Request tabs, each with a history of pages walked by following links (Back / Forward). */
export function Workbench({ profileId, backend, org, user, legacySession, version: sessionVersion, largeBodyBytes, onUsed }: Props) {
  const [tabs, setTabs] = useState<Tab[]>([]);
  const [versions, setVersions] = useState<string[]>([sessionVersion]);
  const [active, setActive] = useState(0);
  const [version, setVersion] = useState(sessionVersion);
  const [inFlight, setInFlight] = useState<number | null>(null);
  const [boot, setBoot] = useState<ErrorReport | null>(null);
  const [revision, setRevision] = useState(0);
  const tabsRef = useRef(tabs);
  tabsRef.current = tabs;

  const prefill = useCallback(
    (method: string, url: string, mediaType: string | null, body: string | null = null) =>
      backend.prefillRequest({ method, url, media_type: mediaType, version, body }),
    [backend, version],
  );

  // The picker offers the server's active versions (newest first, as vcd-core sorts them).
  useEffect(() => {
    backend
      .getVersions(profileId)
      .then((list) => setVersions(list.versions.filter((v) => !v.deprecated).map((v) => v.version)))
      .catch(() => setVersions([sessionVersion]));
  }, [backend, profileId, sessionVersion]);

  // The first tab starts where the classic guide does: the Session and its links.
  useEffect(() => {
    prefill("GET", "/api/session", null)
      .then((draft) => {
        setTabs([{ id: newId(), pages: [{ draft, auth: INHERIT, sent: null, error: null }], at: 0 }]);
        setActive(0);
      })
      .catch((e) => setBoot(e as ErrorReport));
    // Only once per profile.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [profileId]);

  const updatePage = (tabId: number, pageIndex: number, patch: Partial<Page>) =>
    setTabs((all) =>
      all.map((t) =>
        t.id === tabId ? { ...t, pages: t.pages.map((p, i) => (i === pageIndex ? { ...p, ...patch } : p)) } : t,
      ),
    );

  const send = async (tabId: number, pageIndex: number, draft: RequestDraft, auth: RequestAuth = INHERIT) => {
    const requestId = newId();
    setInFlight(requestId);
    updatePage(tabId, pageIndex, { error: null });
    try {
      const sent = await backend.sendRequest(profileId, requestId, draft, auth);
      updatePage(tabId, pageIndex, { sent, error: null });
      setRevision((r) => r + 1);
    } catch (e) {
      updatePage(tabId, pageIndex, { error: e as ErrorReport });
    } finally {
      setInFlight((current) => (current === requestId ? null : current));
      onUsed();
    }
  };

  const tab = tabs[active] ?? null;
  const page = tab ? tab.pages[tab.at] : null;
  const [variables, setVariables] = useState<VariableUse[]>([]);
  const draftNow = page?.draft ?? null;

  // The {{names}} the draft uses, with their values (vcd-core resolves them when it sends).
  useEffect(() => {
    if (!draftNow || !JSON.stringify(draftNow).includes("{{")) {
      setVariables([]);
      return;
    }
    let live = true;
    backend
      .draftVariables(profileId, draftNow)
      .then((uses) => live && setVariables(uses))
      .catch(() => live && setVariables([]));
    return () => {
      live = false;
    };
  }, [backend, profileId, draftNow]);

  /** The raw body of a kept response, all chunks. */
  const wholeBody = async (id: number) => {
    let chunk = await backend.responseBody(id, false, 0);
    let text = chunk.text;
    while (chunk.next !== null) {
      chunk = await backend.responseBody(id, false, chunk.next);
      text += chunk.text;
    }
    return text;
  };

  /** Follows a link: a GET opens here (or in a new tab) and is sent; anything else is prepared in a
   * new tab and waits for Send. A PUT starts from the entity's current XML. */
  const open = async (target: { method: string; href: string; type: string | null }, newTab: boolean) => {
    if (!tab || !page) return;
    try {
      const body = target.method === "PUT" && page.sent ? await wholeBody(page.sent.id) : null;
      const draft = await prefill(target.method, target.href, target.type, body);
      const fresh: Page = { draft, auth: INHERIT, sent: null, error: null };
      if (target.method === "GET" && !newTab) {
        const pages = [...tab.pages.slice(0, tab.at + 1), fresh];
        setTabs((all) => all.map((t) => (t.id === tab.id ? { ...t, pages, at: pages.length - 1 } : t)));
        void send(tab.id, pages.length - 1, draft);
      } else {
        const t: Tab = { id: newId(), pages: [fresh], at: 0 };
        setTabs((all) => [...all, t]);
        setActive(tabsRef.current.length);
        if (target.method === "GET") void send(t.id, 0, draft);
      }
    } catch (e) {
      updatePage(tab.id, tab.at, { error: e as ErrorReport });
    }
  };

  const move = (delta: number) => {
    if (!tab) return;
    const at = Math.min(Math.max(tab.at + delta, 0), tab.pages.length - 1);
    setTabs((all) => all.map((t) => (t.id === tab.id ? { ...t, at } : t)));
  };

  const newTab = async () => {
    const draft = await prefill("GET", "/api/org", null);
    setTabs((all) => [...all, { id: newId(), pages: [{ draft, auth: INHERIT, sent: null, error: null }], at: 0 }]);
    setActive(tabsRef.current.length);
  };

  const closeTab = (index: number) => {
    setTabs((all) => all.filter((_, i) => i !== index));
    setActive((a) => Math.max(0, a > index || a === tabsRef.current.length - 1 ? a - 1 : a));
  };

  const changeVersion = async (v: string) => {
    setVersion(v);
    if (!tab || !page) return;
    // Only the version in the Accept header follows; every other header stays as the user left it.
    const headers = await Promise.all(
      page.draft.headers.map(async (h) =>
        h.name.toLowerCase() === "accept" ? { ...h, value: await backend.acceptWithVersion(h.value, v) } : h,
      ),
    );
    updatePage(tab.id, tab.at, { draft: { ...page.draft, headers } });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key === "Enter" && tab && page && inFlight === null) {
        e.preventDefault();
        void send(tab.id, tab.at, page.draft, page.auth);
      } else if (e.altKey && e.key === "ArrowLeft") {
        e.preventDefault();
        move(-1);
      } else if (e.altKey && e.key === "ArrowRight") {
        e.preventDefault();
        move(1);
      } else if (mod && e.key.toLowerCase() === "t") {
        e.preventDefault();
        void newTab();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  if (boot) return <ErrorBanner error={boot} />;
  if (!tab || !page) return <Spinner label="Preparing the request…" />;

  return (
    <section className="workbench" aria-label="Requests" data-testid="workbench">
      <div className="request-tabs" role="tablist">
        {tabs.map((t, i) => (
          <span key={t.id} className={i === active ? "request-tab selected" : "request-tab"}>
            <button role="tab" aria-selected={i === active} onClick={() => setActive(i)} data-testid="request-tab">
              {t.pages[t.at] ? title(t.pages[t.at] as Page) : ""}
            </button>
            {tabs.length > 1 && (
              <button className="link-button small" aria-label="Close tab" onClick={() => closeTab(i)}>
                ×
              </button>
            )}
          </span>
        ))}
        <button className="link-button small" onClick={() => void newTab()} title="New tab (Ctrl+T)" data-testid="new-tab">
          + Tab
        </button>
        <span className="history-nav">
          <button onClick={() => move(-1)} disabled={tab.at === 0} title="Back (Alt+←)" data-testid="back">
            ←
          </button>
          <button onClick={() => move(1)} disabled={tab.at >= tab.pages.length - 1} title="Forward (Alt+→)" data-testid="forward">
            →
          </button>
        </span>
      </div>
      <LinkTools profileId={profileId} backend={backend} revision={revision} />
      <Composer
        key={`${tab.id}/${tab.at}`}
        draft={page.draft}
        onChange={(draft) => updatePage(tab.id, tab.at, { draft })}
        variables={variables}
        auth={page.auth}
        onAuth={(auth) => updatePage(tab.id, tab.at, { auth })}
        org={org}
        user={user}
        legacySession={legacySession}
        version={version}
        versions={versions}
        onVersion={(v) => void changeVersion(v)}
        busy={inFlight !== null}
        onSend={() => void send(tab.id, tab.at, page.draft, page.auth)}
        onCancel={() => inFlight !== null && void backend.cancelRequest(inFlight)}
      />
      {inFlight !== null && <Spinner label="Waiting for the server…" />}
      {page.error && <ErrorBanner error={page.error} />}
      {page.sent && (
        <ResponsePanel
          key={page.sent.id}
          sent={page.sent}
          largeBodyBytes={largeBodyBytes}
          backend={backend}
          onOpen={(t, n) => void open(t, n)}
          onSaveLinks={async () => {
            const id = page.sent?.id;
            if (id === undefined) return null;
            const path = await backend.chooseLinksFile("response-links.csv");
            return path ? backend.saveLinks(profileId, id, path) : null;
          }}
        />
      )}
      {!page.sent && !page.error && inFlight === null && (
        <p className="muted empty-state">Press Send (Ctrl+Enter) to see the answer, its headers and its links.</p>
      )}
    </section>
  );
}
