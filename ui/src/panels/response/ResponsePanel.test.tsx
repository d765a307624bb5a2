import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { SentResponse } from "../../api/backend";
import { ResponsePanel, VIEWABLE_BODY_BYTES } from "./ResponsePanel";
import { sentResponse, testApp } from "../../state/testing";

const MB = 1024 * 1024;

function sent(view: Partial<SentResponse["view"]>, wire: SentResponse["wire"] = []): SentResponse {
  return sentResponse({ size: 10 * MB, ...view }, wire);
}

const { wrap } = testApp({
  responseBody: () => Promise.reject(new Error("not asked for in these tests")),
  saveBody: () => Promise.resolve(0),
  chooseBodyFile: () => Promise.resolve(null),
});

function show(response: SentResponse) {
  render(
    wrap(
      <ResponsePanel
        sent={response}
        largeBodyBytes={5 * MB}
        onOpen={() => {}}
        onSaveLinks={() => Promise.resolve(null)}
      />,
    ),
  );
}

describe("ResponsePanel", () => {
  afterEach(cleanup);

  it("says a body could not be parsed, in the status line and under the body", () => {
    show(sent({ parse_error: "The body could not be parsed as XML: the body is not well-formed XML at byte 27." }));
    expect(screen.getByTestId("response-status").textContent).toContain("could not be parsed");
    expect(screen.getByTestId("parse-error").textContent).toContain("at byte 27");
  });

  it("shows a redirect that was not followed, with where it points and why", () => {
    show(
      sent({
        status: 302,
        reason: "Found",
        size: 0,
        redirect: {
          location: "https://evil.example.com/api/capture",
          reason: "Not followed: it leads to another origin (https://evil.example.com).",
        },
      }),
    );
    const note = screen.getByTestId("redirect-not-followed").textContent ?? "";
    expect(note).toContain("https://evil.example.com/api/capture");
    expect(note).toContain("another origin");
  });

  it("offers no text view for a body too large for the window, and points to Save body", () => {
    show(sent({ size: VIEWABLE_BODY_BYTES + 1, references_total: 300_004 }));
    expect(screen.getByTestId("large-body").textContent).toContain("too large to show here");
    expect(screen.queryByTestId("show-large-body")).toBeNull();
    expect(screen.getByTestId("save-body")).toBeTruthy();
  });

  it("times a loopback answer to a tenth of a millisecond, and a slow one in whole milliseconds", () => {
    show(sent({ elapsed_ms: 0.42 }));
    expect(screen.getByTestId("response-time").textContent).toBe("0.4 ms");
    cleanup();
    show(sent({ elapsed_ms: 1234.6 }));
    expect(screen.getByTestId("response-time").textContent).toBe("1235 ms");
  });

  it("lists the exchanges behind a response on the Wire tab: the refused try, the fresh login, the retry", () => {
    const step = (purpose: SentResponse["wire"][number]["purpose"], method: string, url: string, status: number) => ({
      purpose,
      method,
      url,
      status,
      started_at_ms: 1_700_000_000_000,
      elapsed_ms: 2.5,
      request_headers: [{ name: "authorization", value: "Bearer ••••••••", secret: true }],
      response_headers: [],
    });
    show(
      sent({}, [
        step("request", "GET", "https://vcd.example.com/api/org", 401),
        step("versions", "GET", "https://vcd.example.com/api/versions", 200),
        step("login", "POST", "https://vcd.example.com/cloudapi/1.0.0/sessions", 200),
        step("session", "GET", "https://vcd.example.com/api/session", 200),
        step("retry", "GET", "https://vcd.example.com/api/org", 200),
      ]),
    );
    fireEvent.click(screen.getByRole("tab", { name: "Wire (5)" }));
    const wire = screen.getByTestId("wire").textContent ?? "";
    expect(wire.indexOf("Request")).toBeLessThan(wire.indexOf("Login"));
    expect(wire.indexOf("Login")).toBeLessThan(wire.indexOf("Retry after login"));
    expect(wire).toContain("401");
    expect(wire).toContain("2.5 ms");
    expect(wire).toContain("Bearer ••••••••");
  });
});
