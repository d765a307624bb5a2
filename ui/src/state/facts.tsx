// The VCD facts (media types, token paths, releases) as vcd-api declares them, fetched once from the
// shell and read by any panel through useFacts(): the UI writes none of them itself.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { Backend, VcdFacts } from "../api/backend";

const FactsContext = createContext<VcdFacts | null>(null);

/** Provides the facts to the panels below; null until they have arrived. */
export function FactsProvider({ backend, children }: { backend: Pick<Backend, "vcdFacts">; children: ReactNode }) {
  const [facts, setFacts] = useState<VcdFacts | null>(null);
  useEffect(() => {
    let live = true;
    backend
      .vcdFacts()
      .then((f) => live && setFacts(f))
      .catch(() => live && setFacts(null));
    return () => {
      live = false;
    };
  }, [backend]);
  return <FactsContext.Provider value={facts}>{children}</FactsContext.Provider>;
}

export function useFacts(): VcdFacts | null {
  return useContext(FactsContext);
}

/** Where an API token for `org` is exchanged (the provider's path for the System org). */
export function tokenPath(facts: VcdFacts | null, org: string): string {
  if (!facts) return "the organization's token path";
  return org.trim().toLowerCase() === facts.system_org.toLowerCase()
    ? facts.provider_token_path
    : facts.tenant_token_path.replace("{org}", org.trim() || "org");
}
