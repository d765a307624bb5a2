import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import type { RequestAuth } from "../../api/backend";
import { AuthPanel, useAuthDescription } from "./AuthPanel";
import { testApp } from "../../state/testing";

// What the auth puts on the wire is vcd-core's sentence (RequestAuth::describe, tested in Rust);
// here a stand-in answers with the kind, the org and whether a secret reached it.
const asked: RequestAuth[] = [];
const { wrap } = testApp({
  describeAuth: (auth: RequestAuth) => {
    asked.push(auth);
    return Promise.resolve(`said for ${auth.kind}${"org" in auth ? ` at ${auth.org}` : ""}`);
  },
});

function Harness() {
  const [auth, setAuth] = useState<RequestAuth>({ kind: "inherit" });
  const said = useAuthDescription(auth, false);
  return <AuthPanel auth={auth} onChange={setAuth} org="acme" user="alice" description={said} />;
}

describe("AuthPanel", () => {
  it("starts each kind from the profile's org and user, keeps secrets in password fields, and shows what vcd-core says goes out", async () => {
    render(wrap(<Harness />));
    await waitFor(() => expect(screen.getByTestId("auth-header").textContent).toBe("said for inherit"));
    fireEvent.change(screen.getByTestId("auth-kind"), { target: { value: "basic" } });
    expect((screen.getByLabelText("User") as HTMLInputElement).value).toBe("alice");
    expect((screen.getByLabelText("Password") as HTMLInputElement).type).toBe("password");
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "s3cret-Pw" } });
    await waitFor(() => expect(screen.getByTestId("auth-header").textContent).toBe("said for basic at acme"));
    expect(screen.getByTestId("auth-panel").textContent).not.toContain("s3cret-Pw");
    fireEvent.change(screen.getByTestId("auth-kind"), { target: { value: "api_token" } });
    fireEvent.change(screen.getByLabelText("Organization"), { target: { value: "System" } });
    await waitFor(() => expect(screen.getByTestId("auth-header").textContent).toBe("said for api_token at System"));
    expect((screen.getByLabelText("API token") as HTMLInputElement).type).toBe("password");
  });
});
