import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConnectionProfile, ErrorReport, VersionList } from "../../api/backend";
import { VersionsPanel } from "./VersionsPanel";
import { installKeymap } from "../../state/keymap";
import { testApp } from "../../state/testing";

function show(getVersions: () => Promise<VersionList>) {
  const { app, wrap } = testApp({ getVersions });
  render(wrap(<VersionsPanel profile={profile} />));
  return app;
}

afterEach(cleanup);

const profile: ConnectionProfile = {
  id: "demo",
  name: "Demo VCD (built-in simulator)",
  base_url: "https://127.0.0.1:4000",
  org: "",
  user: "",
  auth: "password",
  api_version: null,
  trust: { mode: "pinned", sha256: "AB:CD" },
  session_header: "bearer",
  proxy: null,
  builtin_simulator: true,
  variables: {},
};

function entry(version: string, deprecated: boolean, release: string | null) {
  return {
    version,
    release,
    deprecated,
    login_url: `https://127.0.0.1:4000/cloudapi/1.0.0/sessions`,
    provider_login_url: null,
    accept_header: `application/*+xml;version=${version}`,
  };
}

const list: VersionList = {
  default: "38.0",
  versions: [entry("38.0", false, "10.5"), entry("37.0", false, "10.4"), entry("29.0", true, "9.0")],
};

describe("VersionsPanel", () => {
  it("lists the versions and shows the default version's Accept header", async () => {
    const getVersions = vi.fn().mockResolvedValue(list);
    show(getVersions);
    fireEvent.click(screen.getByTestId("get-versions"));
    const header = await screen.findByTestId("accept-header");
    expect(header.textContent).toBe("Accept: application/*+xml;version=38.0");
    expect(getVersions).toHaveBeenCalledWith("demo");
    const rows = within(screen.getByTestId("versions-table")).getAllByRole("row");
    expect(rows).toHaveLength(4);
    expect(rows[1]?.textContent).toContain("VCD 10.5");
    expect(rows[1]?.textContent).toContain("default");
    expect(rows[3]?.textContent).toContain("deprecated");
  });

  it("changes the Accept header when another version is picked", async () => {
    show(vi.fn().mockResolvedValue(list));
    fireEvent.click(screen.getByTestId("get-versions"));
    await screen.findByTestId("versions-table");
    const row = document.querySelector('tr[data-version="37.0"]');
    expect(row).not.toBeNull();
    fireEvent.click(row!);
    expect(screen.getByTestId("accept-header").textContent).toBe("Accept: application/*+xml;version=37.0");
    expect(screen.getByTestId("versions-summary").textContent).toContain("you picked 37.0");
  });

  it("runs on Ctrl+Enter on the profile's Connection tab", async () => {
    const getVersions = vi.fn().mockResolvedValue(list);
    const app = show(getVersions);
    app.actions.selectProfile(profile.id);
    const uninstall = installKeymap(app);
    fireEvent.keyDown(window, { key: "Enter", ctrlKey: true });
    await screen.findByTestId("versions-table");
    uninstall();
    expect(getVersions).toHaveBeenCalledTimes(1);
  });

  it("shows a readable error with the certificate fingerprint instead of a blank panel", async () => {
    const error: ErrorReport = {
      kind: "untrusted_certificate",
      message: "The certificate of https://x is not trusted: it is self-signed.",
      fingerprint: "AA:BB:CC",
      status: null, nearest_version: null,
    };
    show(vi.fn().mockRejectedValue(error));
    fireEvent.click(screen.getByTestId("get-versions"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("Certificate not trusted");
    expect(banner.textContent).toContain("is not trusted: it is self-signed.");
    expect(screen.getByTestId("error-fingerprint").textContent).toBe("AA:BB:CC");
    expect(screen.queryByTestId("versions-table")).toBeNull();
  });
});
