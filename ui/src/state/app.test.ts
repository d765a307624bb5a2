import { describe, expect, it } from "vitest";
import type { Backend, DraftSeed, RequestDraft, SentResponse } from "../api/backend";
import { KEPT_PAGES_WITH_RESPONSES, currentPage, tabTitle } from "./app";
import { sanitize, stepZoom } from "./layout";
import { sentResponse, testApp } from "./testing";

const draft = (url: string): RequestDraft => ({
  method: "GET",
  url,
  headers: [{ name: "Accept", value: "application/*+xml;version=38.0", enabled: true }],
  body: null,
  timeout_secs: null,
});

let sentId = 0;
function sent(url: string): SentResponse {
  sentId += 1;
  return sentResponse({ url, elapsed_ms: 1.5 }, [], sentId);
}

function app() {
  const backend: Partial<Backend> = {
    prefillRequest: (seed) => Promise.resolve(draft(seed.url)),
    sendRequest: (_p, _r, d) => Promise.resolve(sent(d.url)),
  };
  return testApp(backend).app;
}

const tabsOf = (a: ReturnType<typeof app>) => a.store.get().tabs["p"]!;

describe("the app store", () => {
  it("keeps a Connection tab per profile that Ctrl+W cannot close, and closing a tab selects its neighbour", async () => {
    const a = app();
    a.actions.selectProfile("p");
    await a.actions.newTab("p", "/api/org");
    await a.actions.newTab("p", "/api/session");
    const [connection, org, session] = tabsOf(a).tabs;
    expect(tabsOf(a).activeId).toBe(session!.id);
    a.actions.closeTab("p", connection!.id);
    expect(tabsOf(a).tabs).toHaveLength(3);
    a.actions.closeTab("p", session!.id);
    expect(tabsOf(a).activeId).toBe(org!.id);
    expect(tabTitle(tabsOf(a).tabs[1]!)).toBe("org");
  });

  it("tabs survive switching to another profile and back, with their responses", async () => {
    const a = app();
    a.actions.selectProfile("p");
    await a.actions.newTab("p", "/api/org");
    const id = tabsOf(a).activeId;
    await a.actions.send("p", id);
    a.actions.selectProfile("q");
    expect(a.store.get().tabs["q"]!.tabs).toHaveLength(1);
    a.actions.selectProfile("p");
    const tab = tabsOf(a).tabs.find((t) => t.id === id);
    expect(currentPage(tab)?.sent?.view.status).toBe(200);
  });

  it("marks a tab edited until it is sent", async () => {
    const a = app();
    a.actions.selectProfile("p");
    await a.actions.newTab("p", "/api/org");
    const id = tabsOf(a).activeId;
    a.actions.editDraft("p", id, draft("/api/org/x"));
    expect(currentPage(tabsOf(a).tabs.find((t) => t.id === id))?.edited).toBe(true);
    await a.actions.send("p", id);
    expect(currentPage(tabsOf(a).tabs.find((t) => t.id === id))?.edited).toBe(false);
  });

  it("drops the responses of pages far behind, keeping their requests", async () => {
    const a = app();
    a.actions.selectProfile("p");
    await a.actions.newTab("p", "/api/org");
    const id = tabsOf(a).activeId;
    await a.actions.send("p", id);
    for (let i = 0; i < KEPT_PAGES_WITH_RESPONSES + 2; i += 1) {
      await a.actions.follow("p", id, { method: "GET", href: `/api/page/${i}`, type: null, rel: "down", name: null }, false);
    }
    const tab = tabsOf(a).tabs.find((t) => t.id === id);
    if (tab?.kind !== "request") throw new Error("not a request tab");
    expect(tab.pages).toHaveLength(KEPT_PAGES_WITH_RESPONSES + 3);
    expect(tab.pages[0]!.sent).toBeNull();
    expect(tab.pages[0]!.draft.url).toBe("/api/org");
    expect(tab.pages.filter((p) => p.sent !== null)).toHaveLength(KEPT_PAGES_WITH_RESPONSES);
  });
});

describe("the layout", () => {
  it("clamps what is stored so no part of the window can be hidden by it", () => {
    expect(sanitize({ sidebarWidth: 5, split: 2, zoom: 9, orientation: "diagonal" as never })).toEqual({
      sidebarWidth: 160,
      sidebarCollapsed: false,
      orientation: "stacked",
      split: 0.85,
      splitNoBody: null,
      zoom: 2,
    });
    expect(sanitize({ splitNoBody: 0.01 }).splitNoBody).toBe(0.15);
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(2, 1)).toBe(2);
  });

  it("titles a tab by the link's name, then by the entity's name once it answers", async () => {
    let answerName: string | null = null;
    const backend: Partial<Backend> = {
      prefillRequest: (seed) => Promise.resolve(draft(seed.url)),
      sendRequest: (_p, _r, d) => Promise.resolve(sentResponse({ url: d.url, entity_name: answerName })),
    };
    const a = testApp(backend).app;
    a.actions.selectProfile("p");
    await a.actions.newTab("p", "/api/vdc/vdc-1");
    const id = tabsOf(a).activeId;
    await a.actions.send("p", id);
    const title = () => tabTitle(tabsOf(a).tabs.find((t) => t.id === id)!);
    expect(title()).toBe("vdc-1");
    answerName = "web-01";
    const vapp = { method: "GET", href: "/api/vApp/vapp-255ae7f7-0002-4000", type: null, rel: "ResourceEntity", name: "web" };
    await a.actions.follow("p", id, vapp, false);
    expect(title()).toBe("web-01");
    const page = currentPage(tabsOf(a).tabs.find((t) => t.id === id));
    expect(page?.name).toBe("web");
  });

  it("starts a VM's PUT from the VM's own XML, not from the vApp page it was listed on", async () => {
    const fetched: string[] = [];
    const seeds: (string | null)[] = [];
    const backend: Partial<Backend> = {
      prefillRequest: (seed) => {
        seeds.push(seed.body);
        return Promise.resolve({ ...draft(seed.url), method: seed.method, body: seed.body });
      },
      sendRequest: (_p, _r, d) => {
        fetched.push(d.url);
        return Promise.resolve(sent(d.url));
      },
      responseBody: (id) =>
        Promise.resolve({ text: `<body of ${id}/>`, next: null, total: 10 }),
    };
    const a = testApp(backend).app;
    a.actions.selectProfile("p");
    await a.actions.newTab("p", "https://vcd.example.com/api/vApp/vapp-1");
    const id = tabsOf(a).activeId;
    await a.actions.send("p", id);
    const edit = { method: "PUT", href: "https://vcd.example.com/api/vApp/vm-7", type: null, rel: "edit", name: null };
    await a.actions.follow("p", id, edit, false);
    expect(fetched).toEqual(["https://vcd.example.com/api/vApp/vapp-1", "https://vcd.example.com/api/vApp/vm-7"]);
    expect(seeds[seeds.length - 1]).toMatch(/^<body of \d+\/>$/);
    expect(seeds[seeds.length - 1]).not.toBe(`<body of ${currentPage(tabsOf(a).tabs.find((t) => t.id === id))?.sent?.id}/>`);
    // The page's own edit starts from the page's body, with no extra GET.
    const own = { ...edit, href: "https://vcd.example.com/api/vApp/vapp-1/" };
    await a.actions.follow("p", id, own, false);
    expect(fetched).toHaveLength(2);
  });
});

describe("following a link", () => {
  it("tells the engine which page advertised it, so a 404 is not blamed on the user", async () => {
    const seeds: DraftSeed[] = [];
    const backend: Partial<Backend> = {
      prefillRequest: (seed) => {
        seeds.push(seed);
        return Promise.resolve(draft(seed.url));
      },
      sendRequest: (_p, _r, d) => Promise.resolve(sent(d.url)),
    };
    const a = testApp(backend).app;
    a.actions.selectProfile("p");
    await a.actions.newTab("p", "https://vcd.example.com/api/vdc/1");
    const id = tabsOf(a).activeId;
    await a.actions.send("p", id);
    await a.actions.follow("p", id, { method: "GET", href: "https://vcd.example.com/api/vApp/vapp-9", type: null, rel: "ResourceEntity", name: "web" }, false);
    expect(seeds[0]?.advertised ?? null).toBeNull();
    expect(seeds[1]?.advertised).toEqual({ page: "https://vcd.example.com/api/vdc/1", rel: "ResourceEntity" });
  });
});

