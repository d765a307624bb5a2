// The response of a request tab: status, time and size; the body (pretty or raw, loaded in chunks),
// headers, links, the Wire record and VCD's decoded error.
import { useEffect, useRef, useState } from "react";
import type { ErrorReport, SavedLinks, SentResponse } from "../../api/backend";
import { CodeEditor, type CodeEditorHandle, type CodeLanguage } from "../../components/CodeEditor";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Spinner } from "../../components/Spinner";
import { LinksTable } from "./LinksTable";
import { TaskProgress } from "../tasks/TaskProgress";
import { ExchangeSteps } from "../session/ExchangeView";
import { formatMs, formatSize } from "../../components/format";
import { useActions, useApp, type FollowTarget, type ResponseTabName } from "../../state/app";

type View = ResponseTabName | "error";

interface Props {
  sent: SentResponse;
  /** Bodies above this many bytes are rendered only when the user asks (the Links panel works at once). */
  largeBodyBytes: number;
  onOpen: (target: FollowTarget, newTab: boolean) => void;
  /** Asks where, then saves this response's links; null when the user cancelled. */
  onSaveLinks: () => Promise<SavedLinks | null>;
}

/** The largest body the text view takes: past it the editor alone would need gigabytes in the web
 * view. Larger bodies are saved (Save body…) and opened in another tool; their links are listed. */
export const VIEWABLE_BODY_BYTES = 256 * 1024 * 1024;

function languageOf(contentType: string | null): CodeLanguage {
  const ct = (contentType ?? "").toLowerCase();
  return ct.includes("json") ? "json" : ct.includes("xml") ? "xml" : "text";
}

/** Status, timing and size; then the body (pretty or raw), the headers, the links and VCD's error. */
export function ResponsePanel({ sent, largeBodyBytes, onOpen, onSaveLinks }: Props) {
  const actions = useActions();
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const v = sent.view;
  // The view the user last picked stays for the next answer (a followed link keeps Links open).
  const picked = useApp((s) => s.responseTab);
  const [view, setShown] = useState<View>(v.error ? "error" : picked);
  const setView = (next: View) => {
    setShown(next);
    if (next !== "error") actions.pickResponseTab(next);
  };
  const [formatted, setFormatted] = useState(true);
  const [body, setBody] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [loadError, setLoadError] = useState<ErrorReport | null>(null);
  const [allowLarge, setAllowLarge] = useState(false);
  const editor = useRef<CodeEditorHandle>(null);
  // One panel (and one editor) serves the answers of a page one after another: a new answer starts
  // on its own tabs and consent, while the editor is kept and only its text replaced.
  const [shownFor, setShownFor] = useState(sent.id);
  if (shownFor !== sent.id) {
    setShownFor(sent.id);
    setShown(v.error ? "error" : picked);
    setAllowLarge(false);
    setSavedNote(null);
    setLoadError(null);
    setProgress(null);
  }
  const large = v.size > largeBodyBytes || v.size > VIEWABLE_BODY_BYTES;
  const linkCount = v.links_total + v.references_total;

  // The body arrives in chunks: the first one makes the editor, the rest are appended between
  // frames, so the window keeps answering while a large body loads.
  useEffect(() => {
    if (view !== "body" || (large && !allowLarge)) return;
    let live = true;
    setLoadError(null);
    const frame = () => new Promise((resolve) => setTimeout(resolve, 0));
    let first = true;
    actions
      .readBody(sent.id, formatted, async (text, loaded, total) => {
        if (!live) return false;
        if (first) {
          first = false;
          setBody(text);
        } else {
          for (let i = 0; !editor.current && i < 100 && live; i++) await frame();
          if (!live) return false;
          editor.current?.append(text);
        }
        setProgress({ loaded, total });
        await frame();
        return live;
      })
      .then(() => live && setProgress(null))
      .catch((e) => live && setLoadError(e as ErrorReport));
    return () => {
      live = false;
    };
  }, [actions, sent.id, formatted, view, large, allowLarge]);

  const tab = (id: View, label: string) => (
    <button
      role="tab"
      aria-selected={view === id}
      className={view === id ? "tab selected" : "tab"}
      onClick={() => setView(id)}
      data-testid={`response-tab-${id}`}
    >
      {label}
    </button>
  );

  return (
    <section className="response" aria-label="Response" data-testid="response" data-response-id={sent.id}>
      <div className="status-line" data-testid="response-status">
        <span className={`badge ${v.status < 400 ? "badge-ok" : "badge-error"}`}>
          {v.status} {v.reason}
        </span>
        <span data-testid="response-time">{formatMs(v.elapsed_ms)}</span>
        <span>{formatSize(v.size)}</span>
        <span className="mono small muted">{v.content_type ?? "no content type"}</span>
        {v.parse_error && <span className="badge badge-error">could not be parsed</span>}
      </div>
      {sent.tasks.length > 0 && (
        <div className="response-tasks" data-testid="response-tasks">
          {sent.tasks.map((t) => (
            <TaskProgress key={t.task.href} task={t} />
          ))}
        </div>
      )}
      {v.redirect && (
        <p className="warning small" data-testid="redirect-not-followed">
          Redirect to <span className="mono">{v.redirect.location}</span>. {v.redirect.reason}
        </p>
      )}
      <div role="tablist" aria-label="Response views" className="tabs">
        {tab("body", "Body")}
        {tab("headers", `Headers (${v.headers.length})`)}
        {tab(
          "links",
          v.references_total > 0 ? `Links (${v.links_total} + ${v.references_total} refs)` : `Links (${v.links_total})`,
        )}
        {tab("wire", `Wire (${sent.wire.length})`)}
        {v.error && tab("error", "Error")}
      </div>
      {view === "body" && (
        <div className="body-view">
          <div className="toolbar">
            {savedNote && <span className="small ok-note">{savedNote}</span>}
            <label className="inline small">
              <input type="checkbox" checked={formatted} onChange={(e) => setFormatted(e.target.checked)} /> Pretty
            </label>
            <button
              data-testid="save-body"
              title="The body as it came, written to a file (works at once, whatever its size)"
              onClick={() =>
                void actions
                  .saveBody(sent.id, v.content_type?.includes("json") ? "response.json" : "response.xml")
                  .then((saved) => saved && setSavedNote(`Saved ${formatSize(saved.bytes)} to ${saved.path}.`))
                  .catch((e) => setLoadError(e as ErrorReport))
              }
            >
              Save body…
            </button>
          </div>
          {large && !allowLarge ? (
            <div className="large-body" data-testid="large-body">
              {v.size > VIEWABLE_BODY_BYTES ? (
                <p>
                  This body is {formatSize(v.size)}, too large to show here. Its {linkCount} links are in the Links
                  tab; <strong>Save body…</strong> writes it to a file for another tool.
                </p>
              ) : (
                <>
                  <p>
                    This body is {formatSize(v.size)}. Its {linkCount} links are ready in the Links tab; showing the
                    text takes a few seconds.
                  </p>
                  <button onClick={() => setAllowLarge(true)} data-testid="show-large-body">
                    Show the body
                  </button>
                </>
              )}
            </div>
          ) : (
            <>
              {body === null && !loadError && <Spinner label="Laying out the body…" />}
              {progress && progress.loaded < progress.total && (
                <div className="progress" data-testid="body-progress">
                  <progress max={progress.total} value={progress.loaded} /> {formatSize(progress.loaded)} of{" "}
                  {formatSize(progress.total)}
                </div>
              )}
              {loadError && <ErrorBanner error={loadError} />}
              {body !== null && (
                <CodeEditor
                  ref={editor}
                  value={body}
                  language={formatted ? languageOf(v.content_type) : "text"}
                  readOnly
                  label="Response body"
                  testId="response-body"
                />
              )}
            </>
          )}
          {v.parse_error ? (
            <p className="warning small" data-testid="parse-error">
              {v.parse_error} It is shown as it came.
            </p>
          ) : (
            v.links_error && <p className="warning small">{v.links_error}</p>
          )}
        </div>
      )}
      {view === "headers" && (
        <table className="headers-table" data-testid="response-headers">
          <tbody>
            {v.headers.map((h, i) => (
              <tr key={i}>
                <th scope="row" className="mono">
                  {h.name}
                </th>
                <td className="mono">{h.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view === "links" && (
        <>
          <div className="toolbar">
            {savedNote && <span className="small ok-note">{savedNote}</span>}
            <button
              disabled={linkCount === 0}
              data-testid="save-response-links"
              onClick={() =>
                void onSaveLinks()
                  .then((r) => r && setSavedNote(`Saved ${r.count} links to ${r.path}.`))
                  .catch((e) => setLoadError(e as ErrorReport))
              }
            >
              Save these links…
            </button>
          </div>
          {loadError && <ErrorBanner error={loadError} onDismiss={() => setLoadError(null)} />}
          {(v.links.length < v.links_total || v.references.length < v.references_total) && (
            <p className="note small" data-testid="links-capped">
              Showing the first{" "}
              {[
                v.links.length < v.links_total ? `${v.links.length} of ${v.links_total} links` : null,
                v.references.length < v.references_total
                  ? `${v.references.length} of ${v.references_total} references`
                  : null,
              ]
                .filter(Boolean)
                .join(" and ")}
              .
            </p>
          )}
          <LinksTable
            links={v.links}
            references={v.references}
            linksTotal={v.links_total}
            referencesTotal={v.references_total}
            onOpen={onOpen}
          />
        </>
      )}
      {view === "wire" && (
        <div className="exchange" data-testid="wire">
          <p className="small muted">
            Every exchange behind this response, in order: a login the session needed, a fresh login and retry
            after a 401, an API token exchange. Secrets are masked.
          </p>
          <ExchangeSteps steps={sent.wire} />
        </div>
      )}
      {view === "error" && v.error && (
        <div className="vcd-error" data-testid="vcd-error">
          <dl>
            <dt>majorErrorCode</dt>
            <dd className="mono">{v.error.major ?? "—"}</dd>
            <dt>minorErrorCode</dt>
            <dd className="mono">{v.error.minor ?? "—"}</dd>
            <dt>message</dt>
            <dd>{v.error.message}</dd>
          </dl>
          {v.error.hint && <p className="hint">{v.error.hint}</p>}
        </div>
      )}
    </section>
  );
}
