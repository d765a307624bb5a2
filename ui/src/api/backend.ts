// The only module that talks to the Rust shell. Types come from Rust (ts-rs, src/api/generated).
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { save } from "@tauri-apps/plugin-dialog";
import type { AppStatus } from "./generated/AppStatus";
import type { ConnectionProfile } from "./generated/ConnectionProfile";
import type { ErrorReport } from "./generated/ErrorReport";
import type { HeaderSide } from "./generated/HeaderSide";
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
export type { Reference } from "./generated/Reference";
export type { ErrorView } from "./generated/ErrorView";

/** Whatever a command rejects with, as an ErrorReport the UI can show. */
export function toErrorReport(err: unknown): ErrorReport {
  if (typeof err === "object" && err !== null && "message" in err && "kind" in err) {
    const e = err as Partial<ErrorReport>;
    return {
      kind: String(e.kind),
      message: String(e.message),
      fingerprint: e.fingerprint ?? null,
      status: e.status ?? null,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { kind: "internal", message, fingerprint: null, status: null };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toErrorReport(err);
  }
}

export const backend = {
  listProfiles: () => call<ConnectionProfile[]>("list_profiles"),
  appStatus: () => call<AppStatus>("app_status"),
  getVersions: (profileId: string) => call<VersionList>("get_versions", { profileId }),
  testConnection: (profile: ConnectionProfile) => call<VersionList>("test_connection", { profile }),
  saveProfile: (profile: ConnectionProfile, secret: string | null) =>
    call<SavedProfile>("save_profile", { profile, secret }),
  deleteProfile: (profileId: string) => call<void>("delete_profile", { profileId }),
  forgetSecret: (profileId: string) => call<void>("forget_secret", { profileId }),
  login: (profileId: string, secret: string | null) => call<LoginView>("login", { profileId, secret }),
  logout: (profileId: string) => call<void>("logout", { profileId }),
  revealHeader: (profileId: string, step: number, side: HeaderSide, index: number) =>
    call<string>("reveal_header", { profileId, step, side, index }),
  getSettings: () => call<Settings>("get_settings"),
  saveSettings: (settings: Settings) => call<Settings>("save_settings", { settings }),
  prefillRequest: (seed: DraftSeed) => call<RequestDraft>("prefill_request", { seed }),
  sendRequest: (profileId: string, requestId: number, draft: RequestDraft, auth: RequestAuth) =>
    call<SentResponse>("send_request", { profileId, requestId, draft, auth }),
  cancelRequest: (requestId: number) => call<void>("cancel_request", { requestId }),
  draftVariables: (profileId: string, draft: RequestDraft) =>
    call<VariableUse[]>("draft_variables", { profileId, draft }),
  linksSeen: (profileId: string) => call<number>("links_seen", { profileId }),
  saveLinks: (profileId: string, responseId: number | null, path: string) =>
    call<SavedLinks>("save_links", { profileId, responseId, path }),
  discoverLinks: (profileId: string, depth: number, maxPages: number) =>
    call<DiscoverSummary>("discover_links", { profileId, depth, maxPages }),
  cancelDiscover: (profileId: string) => call<void>("cancel_discover", { profileId }),
  onDiscoverProgress: (handler: (event: DiscoverEvent) => void) =>
    listen<DiscoverEvent>("discover-progress", (e) => handler(e.payload)),
  saveBody: (responseId: number, path: string) => call<number>("save_body", { responseId, path }),
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
  responseBody: (responseId: number, formatted: boolean, from: number) =>
    call<BodyChunk>("response_body", { responseId, formatted, from }),
};
export type Backend = typeof backend;
