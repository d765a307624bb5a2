// toErrorReport: what the UI makes of whatever a command rejects with.
import { describe, expect, it } from "vitest";
import { toErrorReport } from "./backend";

describe("toErrorReport", () => {
  it("keeps a backend ErrorReport as it is", () => {
    const report = { kind: "timeout", message: "No answer", fingerprint: null, status: null, nearest_version: null };
    expect(toErrorReport(report)).toEqual(report);
  });

  it("turns a plain string or Error into a readable report", () => {
    expect(toErrorReport("command get_versions not allowed")).toEqual({
      kind: "internal",
      message: "command get_versions not allowed",
      fingerprint: null,
      status: null,
      nearest_version: null,
    });
    expect(toErrorReport(new Error("boom")).message).toBe("boom");
  });
});
