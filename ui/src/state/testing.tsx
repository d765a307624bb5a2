// For component tests: the app store over a stand-in backend, and a wrapper that provides it.
import type { ReactNode } from "react";
import type { Backend, SentResponse } from "../api/backend";
import { AppContext, createApp, type App } from "./app";

export function testApp(backend: Partial<Backend>): { app: App; wrap: (ui: ReactNode) => ReactNode } {
  const app = createApp({
    listProfiles: () => Promise.resolve([]),
    appStatus: () =>
      Promise.resolve({ simulator: null, keyring: { available: true, message: "test" }, sessions: [] }),
    ...backend,
  } as Backend);
  return { app, wrap: (ui) => <AppContext.Provider value={app}>{ui}</AppContext.Provider> };
}

/** A response as the shell sends it: a 200 of an Org list unless `view` says otherwise. */
export function sentResponse(
  view: Partial<SentResponse["view"]> = {},
  wire: SentResponse["wire"] = [],
  id = 1,
): SentResponse {
  return {
    id,
    wire,
    tasks: [],
    view: {
      method: "GET",
      url: "https://vcd.example.com/api/org",
      status: 200,
      reason: "OK",
      elapsed_ms: 3,
      size: 10,
      content_type: "application/vnd.vmware.vcloud.org+xml",
      request_headers: [],
      headers: [],
      links: [],
      references: [],
      links_total: 0,
      references_total: 0,
      links_error: null,
      entity_name: null,
      parse_error: null,
      redirect: null,
      error: null,
      ...view,
    },
  };
}
