import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ExchangeStep } from "../../api/backend";
import { ExchangeView } from "./ExchangeView";

afterEach(cleanup);

const steps: ExchangeStep[] = [
  {
    purpose: "login",
    started_at_ms: 1_700_000_000_000,
    elapsed_ms: 4.25,
    method: "POST",
    url: "https://127.0.0.1:4000/cloudapi/1.0.0/sessions",
    status: 200,
    request_headers: [
      { name: "accept", value: "application/json;version=38.0", secret: false },
      { name: "authorization", value: "Basic ••••••••", secret: true },
    ],
    response_headers: [{ name: "x-vmware-vcloud-access-token", value: "••••••••", secret: true }],
  },
];

describe("ExchangeView", () => {
  it("masks secrets and reveals one at a time", async () => {
    const reveal = vi.fn(async (_step: number, side: string) => (side === "request" ? "Basic YWxpY2U=" : "jwt-value"));
    render(<ExchangeView steps={steps} reveal={reveal} />);
    expect(screen.getByText("application/json;version=38.0")).toBeTruthy();
    const masked = () => screen.getAllByTestId("masked-value").map((m) => m.textContent);
    expect(masked()).toEqual(["Basic ••••••••", "••••••••"]);

    fireEvent.click(screen.getByRole("button", { name: "Reveal authorization" }));
    await waitFor(() => expect(masked()).toEqual(["Basic YWxpY2U=", "••••••••"]));
    expect(reveal).toHaveBeenCalledWith(0, "request", 1);

    fireEvent.click(screen.getByRole("button", { name: "Reveal x-vmware-vcloud-access-token" }));
    await waitFor(() => expect(masked()).toEqual(["Basic ••••••••", "jwt-value"]));

    fireEvent.click(screen.getByRole("button", { name: "Hide x-vmware-vcloud-access-token" }));
    expect(masked()).toEqual(["Basic ••••••••", "••••••••"]);
  });
});
