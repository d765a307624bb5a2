// The only module that talks to the Rust shell. Types come from Rust (ts-rs, src/api/generated).
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { save } from "@tauri-apps/plugin-dialog";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import type { AppStatus } from "./generated/AppStatus";
import type { Commands, Events } from "./generated/Commands";
import type { ConnectionProfile } from "./generated/ConnectionProfile";
import type { ErrorReport } from "./generated/ErrorReport";
import type { HeaderSide } from "./generated/HeaderSide";
import type { SessionHeader } from "./generated/SessionHeader";
import type { LoginView } from "./generated/LoginView";
import type { SavedProfile } from "./generated/SavedProfile";
import type { VersionList } from "./generated/VersionList";
import type { DraftSeed } from "./generated/DraftSeed";
import type { RequestDraft } from "./generated/RequestDraft";
import type { SentResponse } from "./generated/SentResponse";
import type { BodyChunk } from "./generated/BodyChunk";
import type { RequestAuth } from "./generated/RequestAuth";
import type { VariableUse } from "./generated/VariableUse";
import type { Settings } from "./generated/Settings";
import type { SavedLinks } from "./generated/SavedLinks";
import type { DiscoverSummary } from "./generated/DiscoverSummary";
import type { DiscoverEvent } from "./generated/DiscoverEvent";
import type { TaskView } from "./generated/TaskView";

export type { AppStatus, ConnectionProfile, ErrorReport, HeaderSide, LoginView, SavedProfile, VersionList };
export type { ExchangeStep } from "./generated/ExchangeStep";
export type { HeaderLine } from "./generated/HeaderLine";
export type { SessionBadge } from "./generated/SessionBadge";
export type { AuthKind } from "./generated/AuthKind";
export type { SimulatorStatus } from "./generated/SimulatorStatus";
export type { VersionEntry } from "./generated/VersionEntry";
export type { TlsTrust } from "./generated/TlsTrust";
export type { RequestAuth, Settings, VariableUse };
export type { BodyChunk, DiscoverEvent, DiscoverSummary, DraftSeed, RequestDraft, SavedLinks, SentResponse };
export type { DiscoverProgress } from "./generated/DiscoverProgress";
export type { DraftHeader } from "./generated/DraftHeader";
export type { ResponseView } from "./generated/ResponseView";
export type { Link } from "./generated/Link";
export type { AdvertisedLink } from "./generated/AdvertisedLink";
export type { Reference } from "./generated/Reference";
export type { ErrorView } from "./generated/ErrorView";
export type { ErrorKind } from "./generated/ErrorKind";
export type { ExchangePurpose } from "./generated/ExchangePurpose";
export type { VcdFacts } from "./generated/VcdFacts";
export type { MediaTypeNote } from "./generated/MediaTypeNote";
export type { TaskView } from "./generated/TaskView";
export type { TaskState } from "./generated/TaskState";
export type { TaskStatus } from "./generated/TaskStatus";

/** Whatever a command rejects with, as an ErrorReport the UI can show. */
export function toErrorReport(err: unknown): ErrorReport {
  if (typeof err === "object" && err !== null && "message" in err && "kind" in err) {
    const e = err as Partial<ErrorReport>;
    return {
      kind: e.kind ?? "internal",
      message: String(e.message),
      fingerprint: e.fingerprint ?? null,
      status: e.status ?? null,
      nearest_version: e.nearest_version ?? null,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { kind: "internal", message, fingerprint: null, status: null, nearest_version: null };
}

export type CommandName = keyof Commands;
type Args<K extends CommandName> = Commands[K]["args"];
type Result<K extends CommandName> = Commands[K]["result"];

/**
 * Calls a command of the shell, typed by the generated `Commands` (src-tauri/src/command_list.rs):
 * a command that is not registered, or wrong arguments, do not compile.
 */
export async function call<K extends CommandName>(
  name: K,
  ...args: Args<K> extends Record<string, never> ? [] : [Args<K>]
): Promise<Result<K>> {
  try {
    return await invoke<Result<K>>(name, args[0]);
  } catch (err) {
    throw toErrorReport(err);
  }
}

/** Listens for an event of the shell, typed by the generated `Events` (command_list.rs). */
export function onEvent<K extends keyof Events>(name: K, handler: (payload: Events[K]) => void) {
  return listen<Events[K]>(name, (e) => handler(e.payload));
}

export const backend = {
  call,
  listProfiles: () => call("list_profiles"),
  appStatus: () => call("app_status"),
  vcdFacts: () => call("vcd_facts"),
  getVersions: (profileId: string) => call("get_versions", { profileId }),
  testConnection: (profile: ConnectionProfile) => call("test_connection", { profile }),
  saveProfile: (profile: ConnectionProfile, secret: string | null) => call("save_profile", { profile, secret }),
  deleteProfile: (profileId: string) => call("delete_profile", { profileId }),
  forgetSecret: (profileId: string) => call("forget_secret", { profileId }),
  login: (profileId: string, secret: string | null, version: string | null) =>
    call("login", { profileId, secret, version }),
  logout: (profileId: string) => call("logout", { profileId }),
  revealHeader: (profileId: string, step: number, side: HeaderSide, index: number) =>
    call("reveal_header", { profileId, step, side, index }),
  getSettings: () => call("get_settings"),
  saveSettings: (settings: Settings) => call("save_settings", { settings }),
  prefillRequest: (seed: DraftSeed) => call("prefill_request", { seed }),
  acceptWithVersion: (accept: string, version: string) => call("accept_with_version", { accept, version }),
  describeAuth: (auth: RequestAuth, sessionHeader: SessionHeader) => call("describe_auth", { auth, sessionHeader }),
  sendRequest: (profileId: string, requestId: number, draft: RequestDraft, auth: RequestAuth) =>
    call("send_request", { profileId, requestId, draft, auth }),
  cancelRequest: (requestId: number) => call("cancel_request", { requestId }),
  draftVariables: (profileId: string, draft: RequestDraft) => call("draft_variables", { profileId, draft }),
  linksSeen: (profileId: string) => call("links_seen", { profileId }),
  saveLinks: (profileId: string, responseId: number | null, path: string) =>
    call("save_links", { profileId, responseId, path }),
  discoverLinks: (profileId: string, depth: number, maxPages: number) =>
    call("discover_links", { profileId, depth, maxPages }),
  cancelDiscover: (profileId: string) => call("cancel_discover", { profileId }),
  onDiscoverProgress: (handler: (event: DiscoverEvent) => void) => onEvent("discover-progress", handler),
  watchTask: (profileId: string, href: string) => call("watch_task", { profileId, href }),
  cancelTask: (profileId: string, href: string) => call("cancel_task", { profileId, href }),
  listTasks: () => call("list_tasks"),
  onTaskProgress: (handler: (view: TaskView) => void) => onEvent("task-progress", handler),
  saveBody: (responseId: number, path: string) => call("save_body", { responseId, path }),
  /** The native save dialog for a body; null when the user cancels it. */
  chooseBodyFile: async (defaultName: string) => (await save({ title: "Save body", defaultPath: defaultName })) ?? null,
  /** The native save dialog; null when the user cancels it. */
  chooseLinksFile: async (defaultName: string) => {
    const path = await save({
      title: "Save links",
      defaultPath: defaultName,
      filters: [
        { name: "CSV", extensions: ["csv"] },
        { name: "JSON", extensions: ["json"] },
        { name: "Markdown", extensions: ["md"] },
        { name: "XML", extensions: ["xml"] },
      ],
    });
    return path ?? null;
  },
  /** The web view's zoom (Ctrl + / - / 0): the page's layout scales as a whole. */
  setZoom: (factor: number) => getCurrentWebview().setZoom(factor),
  responseBody: (responseId: number, formatted: boolean, from: number) =>
    call("response_body", { responseId, formatted, from }),
};
export type Backend = typeof backend;
