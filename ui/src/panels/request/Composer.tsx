// The request composer: method, URL (its query as a table), version picker, Send; headers, auth,
// body (checked to be well-formed) and timeout.
import { useState } from "react";
import type { DraftHeader, RequestAuth, RequestDraft, VariableUse } from "../../api/backend";
import { AuthPanel, useAuthDescription } from "./AuthPanel";
import { CodeEditor } from "../../components/CodeEditor";
import { HeadersEditor } from "./HeadersEditor";
import { QueryParams, splitQuery } from "./QueryParams";
import { useFacts } from "../../state/app";

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

type Part = "params" | "headers" | "auth" | "body";

interface Props {
  draft: RequestDraft;
  onChange: (draft: RequestDraft) => void;
  /** The {{names}} the draft uses and their values. */
  variables: VariableUse[];
  auth: RequestAuth;
  onAuth: (auth: RequestAuth) => void;
  /** The profile's org and user, and whether its session travels as x-vcloud-authorization. */
  org: string;
  user: string;
  legacySession: boolean;
  version: string;
  versions: string[];
  onVersion: (version: string) => void;
  busy: boolean;
  onSend: () => void;
  onCancel: () => void;
  /** A new, untouched tab: the URL box takes the focus, to type the path at once. */
  focusUrl?: boolean;
}

function contentType(headers: DraftHeader[]): string {
  return headers.find((h) => h.name.toLowerCase() === "content-type")?.value ?? "";
}

/** Method, URL, API version and Send; below, the headers and the body of the request. */
export function Composer({
  draft,
  onChange,
  variables,
  auth,
  onAuth,
  org,
  user,
  legacySession,
  version,
  versions,
  onVersion,
  busy,
  onSend,
  onCancel,
  focusUrl = false,
}: Props) {
  const facts = useFacts();
  const authSaid = useAuthDescription(auth, legacySession);
  const [part, setPart] = useState<Part>(draft.body ? "body" : "headers");
  const enabled = draft.headers.filter((h) => h.enabled).length;
  const ct = contentType(draft.headers);
  const setContentType = (value: string) => {
    const rest = draft.headers.filter((h) => h.name.toLowerCase() !== "content-type");
    onChange({ ...draft, headers: value ? [...rest, { name: "Content-Type", value, enabled: true }] : rest });
  };
  return (
    <section className="composer" aria-label="Request" data-testid="composer">
      <div className="request-line">
        <select
          value={draft.method}
          aria-label="Method"
          data-testid="request-method"
          onChange={(e) => onChange({ ...draft, method: e.target.value })}
        >
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <input
          className="mono url"
          value={draft.url}
          aria-label="URL"
          placeholder="/api/org (relative to the profile's address) or a full URL"
          autoFocus={focusUrl}
          data-testid="request-url"
          onChange={(e) => onChange({ ...draft, url: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === "Enter") onSend();
          }}
        />
        <select
          value={version}
          aria-label="API version"
          title="The API version the Accept header asks for"
          data-testid="request-version"
          onChange={(e) => onVersion(e.target.value)}
        >
          {(versions.includes(version) ? versions : [version, ...versions]).map((v) => (
            <option key={v} value={v}>
              API {v}
            </option>
          ))}
        </select>
        {busy ? (
          <button onClick={onCancel} data-testid="cancel-request">
            Cancel
          </button>
        ) : (
          <button className="primary" onClick={onSend} data-testid="send-request" title="Send (Ctrl+Enter)">
            Send
          </button>
        )}
      </div>
      {variables.length > 0 && (
        <div className="variables" data-testid="variables">
          {variables.map((v) => (
            <span key={v.name} className={v.value === null ? "var unknown" : "var"}>
              <span className="mono">{`{{${v.name}}}`}</span> = {v.value ?? "not defined: add it to the profile or to the environment (Settings)"}
            </span>
          ))}
        </div>
      )}
      <div className="tabs">
        <div role="tablist" aria-label="Request parts" className="tab-group">
        <button
          role="tab"
          aria-selected={part === "params"}
          className={part === "params" ? "tab selected" : "tab"}
          onClick={() => setPart("params")}
          data-testid="composer-tab-params"
        >
          Params ({[...new URLSearchParams(splitQuery(draft.url)[1] ?? "").keys()].length})
        </button>
        <button role="tab" aria-selected={part === "headers"} className={part === "headers" ? "tab selected" : "tab"} onClick={() => setPart("headers")}>
          Headers ({enabled})
        </button>
        <button
          role="tab"
          aria-selected={part === "auth"}
          className={part === "auth" ? "tab selected" : "tab"}
          onClick={() => setPart("auth")}
          title={authSaid}
          data-testid="composer-tab-auth"
        >
          Auth: {auth.kind === "inherit" ? "session" : auth.kind.replace("_", " ")}
        </button>
        <button
          role="tab"
          aria-selected={part === "body"}
          className={part === "body" ? "tab selected" : "tab"}
          onClick={() => setPart("body")}
          data-testid="composer-tab-body"
        >
          Body{draft.body ? " •" : ""}
        </button>
        </div>
        <label className="inline small timeout">
          Timeout{" "}
          <input
            type="number"
            min={1}
            placeholder="profile"
            aria-label="Timeout in seconds"
            value={draft.timeout_secs ?? ""}
            onChange={(e) => onChange({ ...draft, timeout_secs: e.target.value ? Number(e.target.value) : null })}
          />{" "}
          s
        </label>
      </div>
      {part === "params" && <QueryParams url={draft.url} onChange={(url) => onChange({ ...draft, url })} />}
      {part === "auth" && (
        <AuthPanel auth={auth} onChange={onAuth} org={org} user={user} description={authSaid} />
      )}
      {part === "headers" && <HeadersEditor headers={draft.headers} onChange={(headers) => onChange({ ...draft, headers })} />}
      {part === "body" && (
        <div className="body-edit">
          <label className="inline small">
            Content-Type{" "}
            <input
              className="mono ct"
              list="vcd-media-types"
              value={ct}
              placeholder="none: pick the body's media type"
              aria-invalid={!ct && !!draft.body}
              data-testid="content-type"
              onChange={(e) => setContentType(e.target.value)}
            />
          </label>
          <datalist id="vcd-media-types">
            {(facts?.body_media_types ?? []).map((t) => (
              <option key={t.media_type} value={t.media_type}>
                {t.purpose}
              </option>
            ))}
          </datalist>
          <CodeEditor
            value={draft.body ?? ""}
            language={ct.includes("json") ? "json" : ct.includes("xml") ? "xml" : "text"}
            onChange={(body) => onChange({ ...draft, body })}
            onSubmit={onSend}
            label="Request body"
            testId="request-body"
          />
          <p className="muted small">The body is checked to be well-formed for its Content-Type before it is sent.</p>
        </div>
      )}
    </section>
  );
}
