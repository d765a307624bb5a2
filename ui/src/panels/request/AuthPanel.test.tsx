import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import type { RequestAuth } from "../../api/backend";
import { AuthPanel } from "./AuthPanel";
import { FactsProvider } from "../../state/facts";

// What vcd-api's VcdFacts says of token paths (the shell serves it; here a stand-in backend does).
const facts = {
  body_media_types: [],
  tenant_token_path: "/oauth/tenant/{org}/token",
  provider_token_path: "/oauth/provider/token",
  system_org: "System",
  releases: [],
};

function Harness() {
  const [auth, setAuth] = useState<RequestAuth>({ kind: "inherit" });
  return (
    <FactsProvider backend={{ vcdFacts: () => Promise.resolve(facts) }}>
      <AuthPanel auth={auth} onChange={setAuth} org="acme" user="alice" legacySession={false} />
    </FactsProvider>
  );
}

describe("AuthPanel", () => {
  it("says which header each kind sends, masked, and never shows a pasted secret", async () => {
    render(<Harness />);
    expect(screen.getByTestId("auth-header").textContent).toContain("Authorization: Bearer ••••••••");
    fireEvent.change(screen.getByTestId("auth-kind"), { target: { value: "basic" } });
    expect((screen.getByLabelText("User") as HTMLInputElement).value).toBe("alice");
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "s3cret-Pw" } });
    const said = screen.getByTestId("auth-header").textContent ?? "";
    expect(said).toContain("Authorization: Basic ••••••••");
    expect(said).toContain("alice@acme");
    expect(said).not.toContain("s3cret-Pw");
    fireEvent.change(screen.getByTestId("auth-kind"), { target: { value: "api_token" } });
    await waitFor(() => expect(screen.getByTestId("auth-header").textContent).toContain("/oauth/tenant/acme/token"));
    fireEvent.change(screen.getByLabelText("Organization"), { target: { value: "System" } });
    expect(screen.getByTestId("auth-header").textContent).toContain("/oauth/provider/token");
    expect((screen.getByLabelText("API token") as HTMLInputElement).type).toBe("password");
    fireEvent.change(screen.getByTestId("auth-kind"), { target: { value: "legacy" } });
    expect(screen.getByTestId("auth-header").textContent).toBe("x-vcloud-authorization: ••••••••");
  });
});
