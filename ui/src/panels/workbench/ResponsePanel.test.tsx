import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import type { SentResponse } from "../../api/backend";
import { ResponsePanel, VIEWABLE_BODY_BYTES } from "./ResponsePanel";

const MB = 1024 * 1024;

function sent(view: Partial<SentResponse["view"]>): SentResponse {
  return {
    id: 1,
    view: {
      method: "GET",
      url: "https://vcd.example.com/api/org",
      status: 200,
      reason: "OK",
      elapsed_ms: 3,
      size: 10 * MB,
      content_type: "application/vnd.vmware.vcloud.org+xml",
      request_headers: [],
      headers: [],
      links: [],
      references: [],
      links_total: 0,
      references_total: 0,
      links_error: null,
      parse_error: null,
      redirect: null,
      error: null,
      ...view,
    },
  };
}

const backend = {
  responseBody: () => Promise.reject(new Error("not asked for in these tests")),
  saveBody: () => Promise.resolve(0),
  chooseBodyFile: () => Promise.resolve(null),
};

function show(response: SentResponse) {
  render(
    <ResponsePanel
      sent={response}
      largeBodyBytes={5 * MB}
      backend={backend}
      onOpen={() => {}}
      onSaveLinks={() => Promise.resolve(null)}
    />,
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
});
