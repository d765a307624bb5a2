// For component tests: the app store over a stand-in backend, and a wrapper that provides it.
import type { ReactNode } from "react";
import type { Backend } from "../api/backend";
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
