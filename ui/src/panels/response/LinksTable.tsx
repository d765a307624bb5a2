// A response's Links and references, with the method each rel implies; a click follows one.
import type { Link, Reference } from "../../api/backend";

interface Props {
  links: Link[];
  references: Reference[];
  onOpen: (target: { method: string; href: string; type: string | null }, newTab: boolean) => void;
}

/** Every Link of the response and every other element with an href; a click follows it. */
export function LinksTable({ links, references, onOpen }: Props) {
  if (links.length === 0 && references.length === 0) {
    return <p className="muted empty-state">This response carries no links.</p>;
  }
  return (
    <div className="links-panel" data-testid="links-panel">
      <table className="links-table">
        <caption>Links ({links.length})</caption>
        <thead>
          <tr>
            <th>rel</th>
            <th>Method</th>
            <th>Type</th>
            <th>href</th>
          </tr>
        </thead>
        <tbody>
          {links.map((l, i) => (
            <tr
              key={i}
              className="clickable"
              data-rel={l.rel}
              data-type={l.type ?? ""}
              title={l.method === "GET" ? "Open (Ctrl+click: in a new tab)" : `Prepare this ${l.method} in a new tab`}
              onClick={(e) => onOpen({ method: l.method, href: l.href, type: l.type }, e.ctrlKey || e.metaKey)}
            >
              <td className="mono">
                {l.rel}
                {l.name && <span className="muted"> · {l.name}</span>}
              </td>
              <td>
                <span className={`method method-${l.method.toLowerCase()}`}>{l.method}</span>
              </td>
              <td className="mono small">{l.type ?? ""}</td>
              <td className="mono small href">{l.href}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {references.length > 0 && (
        <table className="links-table" data-testid="references-table">
          <caption>References ({references.length})</caption>
          <thead>
            <tr>
              <th>Element</th>
              <th>Name</th>
              <th>Type</th>
              <th>href</th>
            </tr>
          </thead>
          <tbody>
            {references.map((r, i) => (
              <tr
                key={i}
                className="clickable"
                data-element={r.element}
                data-name={r.name ?? ""}
                title="Open (Ctrl+click: in a new tab)"
                onClick={(e) => onOpen({ method: "GET", href: r.href, type: r.type }, e.ctrlKey || e.metaKey)}
              >
                <td className="mono">{r.element}</td>
                <td>{r.name ?? ""}</td>
                <td className="mono small">{r.type ?? ""}</td>
                <td className="mono small href">{r.href}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
