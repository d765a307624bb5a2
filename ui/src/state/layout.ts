// How the user arranged the window (sidebar width, split, zoom), kept in the web view's local
// storage: a preference of this window, not a setting of the engine.

export type Orientation = "stacked" | "side";

export interface Layout {
  sidebarWidth: number;
  sidebarCollapsed: boolean;
  orientation: Orientation;
  /** The composer's share of the request view, 0.15–0.85, for a request with a body (and beside). */
  split: number;
  /** The same for a request without a body, stacked; null: the composer takes just its height. */
  splitNoBody: number | null;
  zoom: number;
}

export const DEFAULT_LAYOUT: Layout = {
  sidebarWidth: 232,
  sidebarCollapsed: false,
  orientation: "stacked",
  split: 0.42,
  splitNoBody: null,
  zoom: 1,
};

const KEY = "vcd-workbench.layout";
export const SIDEBAR_MIN = 160;
export const SIDEBAR_MAX = 480;
export const ZOOM_STEPS = [0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** A layout made safe: whatever is stored (or hand-edited) cannot hide the window's parts. */
export function sanitize(raw: Partial<Layout>): Layout {
  const num = (v: unknown, fallback: number) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
  return {
    sidebarWidth: clamp(num(raw.sidebarWidth, DEFAULT_LAYOUT.sidebarWidth), SIDEBAR_MIN, SIDEBAR_MAX),
    sidebarCollapsed: raw.sidebarCollapsed === true,
    orientation: raw.orientation === "side" ? "side" : "stacked",
    split: clamp(num(raw.split, DEFAULT_LAYOUT.split), 0.15, 0.85),
    splitNoBody: typeof raw.splitNoBody === "number" ? clamp(num(raw.splitNoBody, 0.25), 0.15, 0.85) : null,
    zoom: clamp(num(raw.zoom, 1), ZOOM_STEPS[0] ?? 0.67, ZOOM_STEPS[ZOOM_STEPS.length - 1] ?? 2),
  };
}

export function loadLayout(): Layout {
  try {
    const text = window.localStorage.getItem(KEY);
    return text ? sanitize(JSON.parse(text) as Partial<Layout>) : DEFAULT_LAYOUT;
  } catch {
    return DEFAULT_LAYOUT;
  }
}

export function saveLayout(layout: Layout): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(layout));
  } catch {
    // A full or disabled storage only loses the arrangement, never work.
  }
}

/** The next zoom step up (+1) or down (-1) from `zoom`. */
export function stepZoom(zoom: number, direction: 1 | -1): number {
  const steps = direction > 0 ? ZOOM_STEPS : [...ZOOM_STEPS].reverse();
  return steps.find((s) => (direction > 0 ? s > zoom + 0.001 : s < zoom - 0.001)) ?? zoom;
}
