// Generated from src-tauri/src/command_list.rs by `cargo run --example ui_types`; do not edit.
import type { AppStatus } from "./AppStatus";
import type { BodyChunk } from "./BodyChunk";
import type { ConnectionProfile } from "./ConnectionProfile";
import type { DiscoverEvent } from "./DiscoverEvent";
import type { DiscoverSummary } from "./DiscoverSummary";
import type { DraftSeed } from "./DraftSeed";
import type { HeaderSide } from "./HeaderSide";
import type { LoginView } from "./LoginView";
import type { RequestAuth } from "./RequestAuth";
import type { RequestDraft } from "./RequestDraft";
import type { SavedLinks } from "./SavedLinks";
import type { SavedProfile } from "./SavedProfile";
import type { SentResponse } from "./SentResponse";
import type { SessionHeader } from "./SessionHeader";
import type { Settings } from "./Settings";
import type { TaskView } from "./TaskView";
import type { VariableUse } from "./VariableUse";
import type { VcdFacts } from "./VcdFacts";
import type { VersionList } from "./VersionList";

/** Every command the shell registers: its arguments and its result. */
export type Commands = {
  list_profiles: { args: Record<string, never>; result: Array<ConnectionProfile> };
  app_status: { args: Record<string, never>; result: AppStatus };
  save_profile: { args: { profile: ConnectionProfile; secret: string | null }; result: SavedProfile };
  delete_profile: { args: { profileId: string }; result: void };
  forget_secret: { args: { profileId: string }; result: void };
  get_versions: { args: { profileId: string }; result: VersionList };
  test_connection: { args: { profile: ConnectionProfile }; result: VersionList };
  login: { args: { profileId: string; secret: string | null; version: string | null }; result: LoginView };
  logout: { args: { profileId: string }; result: void };
  reveal_header: { args: { profileId: string; step: number; side: HeaderSide; index: number }; result: string };
  send_request: { args: { profileId: string; requestId: number; draft: RequestDraft; auth: RequestAuth }; result: SentResponse };
  cancel_request: { args: { requestId: number }; result: void };
  response_body: { args: { responseId: number; formatted: boolean; from: number }; result: BodyChunk };
  prefill_request: { args: { seed: DraftSeed }; result: RequestDraft };
  accept_with_version: { args: { accept: string; version: string }; result: string };
  describe_auth: { args: { auth: RequestAuth; sessionHeader: SessionHeader }; result: string };
  vcd_facts: { args: Record<string, never>; result: VcdFacts };
  links_seen: { args: { profileId: string }; result: number };
  save_links: { args: { profileId: string; responseId: number | null; path: string }; result: SavedLinks };
  discover_links: { args: { profileId: string; depth: number; maxPages: number }; result: DiscoverSummary };
  cancel_discover: { args: { profileId: string }; result: void };
  draft_variables: { args: { profileId: string; draft: RequestDraft }; result: Array<VariableUse> };
  save_body: { args: { responseId: number; path: string }; result: number };
  get_settings: { args: Record<string, never>; result: Settings };
  save_settings: { args: { settings: Settings }; result: Settings };
  watch_task: { args: { profileId: string; href: string }; result: TaskView };
  cancel_task: { args: { profileId: string; href: string }; result: TaskView };
  list_tasks: { args: Record<string, never>; result: Array<TaskView> };
};

/** Every event the shell emits, by its name, with its payload. */
export type Events = {
  "discover-progress": DiscoverEvent;
  "task-progress": TaskView;
};
