// A response's Links, grouped by the entity that carries them (the page's own first, then each
// child such as a vApp's VMs, with its name and type), and its references; the method each rel
// implies. A keyboard grid: arrows (and Home/End) move, Enter follows, Ctrl+Enter in a new tab.
import { useRef, type KeyboardEvent, type MouseEvent } from "react";
import type { Link, Reference } from "../../api/backend";
import type { FollowTarget } from "../../state/app";

interface Props {
  links: Link[];
  references: Reference[];
  /** How many the page holds in all (the lists may be capped). */
  linksTotal: number;
  referencesTotal: number;
  onOpen: (target: FollowTarget, newTab: boolean) => void;
}

interface Group {
  owner: Reference | null;
  links: Link[];
}

/** The page's own links first, then one group per entity, in the order they first appear. */
export function groupByOwner(links: Link[]): Group[] {
  const own: Group = { owner: null, links: [] };
  const byHref = new Map<string, Group>();
  for (const l of links) {
    if (!l.owner) {
      own.links.push(l);
      continue;
    }
    let group = byHref.get(l.owner.href);
    if (!group) {
      group = { owner: l.owner, links: [] };
      byHref.set(l.owner.href, group);
    }
    group.links.push(l);
  }
  return [own, ...byHref.values()].filter((g) => g.links.length > 0);
}

/** An href as the table shows it: without the origin (every link shares it) and, when long, cut
 * in the middle so that both the entity's id and the action at the end stay readable. The cell's
 * tooltip has it whole. */
export function shortHref(href: string): string {
  const path = href.replace(/^https?:\/\/[^/]+/i, "") || href;
  return path.length <= 56 ? path : `${path.slice(0, 22)}…${path.slice(-33)}`;
}

const count = (shown: number, total: number) =>
  shown < total ? `${shown.toLocaleString("en")} of ${total.toLocaleString("en")} shown` : total.toLocaleString("en");

/** Moves the focus between a grid's rows as a user's arrow keys ask, and follows on Enter. */
function useGridKeys() {
  const root = useRef<HTMLDivElement>(null);
  const rows = () => Array.from(root.current?.querySelectorAll<HTMLElement>("tr[data-row]") ?? []);
  const focusRow = (row: HTMLElement | undefined) => {
    if (!row) return;
    for (const r of rows()) r.tabIndex = r === row ? 0 : -1;
    row.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, open: (newTab: boolean) => void) => {
    const all = rows();
    const at = all.indexOf(e.currentTarget);
    if (e.key === "ArrowDown") focusRow(all[at + 1]);
    else if (e.key === "ArrowUp") focusRow(all[at - 1]);
    else if (e.key === "Home") focusRow(all[0]);
    else if (e.key === "End") focusRow(all[all.length - 1]);
    else if (e.key === "PageDown") focusRow(all[Math.min(at + 10, all.length - 1)]);
    else if (e.key === "PageUp") focusRow(all[Math.max(at - 10, 0)]);
    else if (e.key === "Enter") open(e.ctrlKey || e.metaKey);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return { root, onKeyDown };
}

export function LinksTable({ links, references, linksTotal, referencesTotal, onOpen }: Props) {
  const grid = useGridKeys();
  if (links.length === 0 && references.length === 0) {
    return <p className="muted empty-state">This response carries no links.</p>;
  }
  const groups = groupByOwner(links);
  // One tab stop for the whole grid: the first row until the user moves.
  let first = true;
  const stop = () => {
    const t = first ? 0 : -1;
    first = false;
    return t;
  };
  const row = (target: FollowTarget, title: string) => ({
    "data-row": "",
    tabIndex: stop(),
    className: "clickable",
    title,
    onClick: (e: MouseEvent) => onOpen(target, e.ctrlKey || e.metaKey),
    onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => grid.onKeyDown(e, (newTab) => onOpen(target, newTab)),
  });
  const openTitle = (method: string) =>
    method === "GET" ? "Open (Ctrl+click or Ctrl+Enter: in a new tab)" : `Prepare this ${method} in a new tab`;

  return (
    <div className="links-panel" data-testid="links-panel" ref={grid.root}>
      <p className="small muted" data-testid="links-summary">
        {count(links.length, linksTotal)} links and {count(references.length, referencesTotal)} references · arrows
        move, Enter follows, Ctrl+Enter opens in a new tab
      </p>
      <table className="links-table" role="grid" aria-label="Links" aria-rowcount={linksTotal}>
        <caption>Links ({count(links.length, linksTotal)})</caption>
        <thead>
          <tr>
            <th scope="col">rel</th>
            <th scope="col">Method</th>
            <th scope="col">Type</th>
            <th scope="col">href</th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.owner?.href ?? "page"} data-owner={g.owner?.element ?? "page"} data-owner-name={g.owner?.name ?? ""}>
            <tr className="group-row">
              <th scope="rowgroup" colSpan={4} data-testid="links-group">
                {g.owner ? (
                  <>
                    {g.owner.element} <strong>{g.owner.name ?? ""}</strong>{" "}
                    <span className="muted mono small">{g.owner.type ?? ""}</span>
                  </>
                ) : (
                  <>This page</>
                )}{" "}
                <span className="muted small">({g.links.length})</span>
              </th>
            </tr>
            {g.links.map((l, i) => (
              <tr
                key={i}
                data-rel={l.rel}
                data-type={l.type ?? ""}
                {...row(
                  { method: l.method, href: l.href, type: l.type, rel: l.rel, name: l.name ?? l.owner?.name ?? null },
                  openTitle(l.method),
                )}
              >
                <td className="mono">
                  {l.rel}
                  {l.name && <span className="muted"> · {l.name}</span>}
                </td>
                <td>
                  <span className={`method method-${l.method.toLowerCase()}`}>{l.method}</span>
                </td>
                <td className="mono small type">{l.type ?? ""}</td>
                <td className="mono small href" title={l.href}>
                  {shortHref(l.href)}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
      {references.length > 0 && (
        <table className="links-table" data-testid="references-table" role="grid" aria-label="References">
          <caption>References ({count(references.length, referencesTotal)})</caption>
          <thead>
            <tr>
              <th scope="col">Element</th>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">href</th>
            </tr>
          </thead>
          <tbody>
            {references.map((r, i) => (
              <tr
                key={i}
                data-element={r.element}
                data-name={r.name ?? ""}
                {...row(
                  { method: "GET", href: r.href, type: r.type, rel: r.element, name: r.name },
                  openTitle("GET"),
                )}
              >
                <td className="mono">{r.element}</td>
                <td>{r.name ?? ""}</td>
                <td className="mono small type">{r.type ?? ""}</td>
                <td className="mono small href" title={r.href}>
                  {shortHref(r.href)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
