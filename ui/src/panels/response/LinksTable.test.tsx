// The Links panel as a grid: grouped by the entity that carries each link, counted against the
// page's totals, and followed from the keyboard.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { Link } from "../../api/backend";
import type { FollowTarget } from "../../state/app";
import { LinksTable, shortHref } from "./LinksTable";

const vm = { element: "Vm", name: "web-01-vm1", type: "application/vnd.vmware.vcloud.vm+xml", href: "https://h/api/vApp/vm-1" };
const links: Link[] = [
  { rel: "power:powerOn", method: "POST", type: null, href: "https://h/api/vApp/vapp-1/power/action/powerOn", name: null },
  { rel: "edit", method: "PUT", type: "application/vnd.vmware.vcloud.vApp+xml", href: "https://h/api/vApp/vapp-1", name: null },
  { rel: "power:powerOn", method: "POST", type: null, href: "https://h/api/vApp/vm-1/power/action/powerOn", name: null, owner: vm },
  { rel: "edit", method: "PUT", type: vm.type, href: vm.href, name: null, owner: vm },
];

function show(onOpen: (t: FollowTarget, newTab: boolean) => void) {
  render(
    <LinksTable
      links={links}
      references={[{ element: "Vm", name: "web-01-vm1", type: vm.type, href: vm.href }]}
      linksTotal={4}
      referencesTotal={300004}
      onOpen={onOpen}
    />,
  );
}

describe("LinksTable", () => {
  afterEach(cleanup);

  it("groups links under the entity that carries them, the page's own first", () => {
    show(() => {});
    const groups = screen.getAllByTestId("links-group").map((g) => g.textContent ?? "");
    expect(groups[0]).toContain("This page");
    expect(groups[0]).toContain("(2)");
    expect(groups[1]).toContain("Vm web-01-vm1");
    expect(groups[1]).toContain("(2)");
    expect(screen.getByTestId("links-summary").textContent).toContain("4 links and 1 of 300,004 shown references");
  });

  it("moves with the arrow keys and follows with Enter, Ctrl+Enter in a new tab", () => {
    const opened: [string, string, boolean][] = [];
    show((t, newTab) => opened.push([t.method, t.href, newTab]));
    const rows = Array.from(document.querySelectorAll<HTMLElement>("tr[data-row]"));
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    rows[0]!.focus();
    fireEvent.keyDown(rows[0]!, { key: "ArrowDown" });
    fireEvent.keyDown(rows[1]!, { key: "ArrowDown" });
    fireEvent.keyDown(rows[2]!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(rows[3]);
    fireEvent.keyDown(rows[3]!, { key: "Enter" });
    fireEvent.keyDown(rows[3]!, { key: "End" });
    expect(document.activeElement).toBe(rows[4]);
    fireEvent.keyDown(rows[4]!, { key: "Enter", ctrlKey: true });
    expect(opened).toEqual([
      ["PUT", vm.href, false],
      ["GET", vm.href, true],
    ]);
  });

  it("shows an href without its origin, cut in the middle so the id and the action stay", () => {
    expect(shortHref("https://h:443/api/org/1")).toBe("/api/org/1");
    const long = shortHref("https://h/api/vApp/vm-255ae7f7-0003-4000-8000-000000000000/power/action/powerOn");
    expect(long.startsWith("/api/vApp/vm-255ae7f7")).toBe(true);
    expect(long.endsWith("/power/action/powerOn")).toBe(true);
    expect(long.length).toBeLessThanOrEqual(56);
  });
});
