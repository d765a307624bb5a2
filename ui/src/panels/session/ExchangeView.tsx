// An exchange as it happened (the login's, or a response's Wire record): each request and answer
// with why it was made and how long it took, secrets masked and revealable one at a time.
import { useState } from "react";
import type { ExchangeStep, ExchangePurpose, HeaderLine, HeaderSide } from "../../api/backend";
import { MaskedValue } from "../../components/MaskedValue";
import { formatMs } from "../../components/format";

interface Props {
  steps: ExchangeStep[];
  /** Reveals one masked header (the login exchange only); without it secrets stay masked. */
  reveal?: (step: number, side: HeaderSide, index: number) => Promise<string>;
}

/** The steps shown unfolded: the ones the user asked for and the ones that carry credentials. */
const OPEN: ExchangePurpose[] = ["request", "login", "token_exchange", "retry"];

const PURPOSES: Record<ExchangePurpose, string> = {
  request: "Request",
  versions: "Versions",
  login: "Login",
  token_exchange: "API token exchange",
  session: "Session",
  retry: "Retry after login",
  logout: "Logout",
};

interface Revealed {
  key: string;
  value: string;
}

/** Exchanges as they happened: why each was made, its request line, time, and both sides' headers.
 * Secrets are masked; revealing one (where allowed) hides the one revealed before. */
export function ExchangeSteps({ steps, reveal }: Props) {
  const [revealed, setRevealed] = useState<Revealed | null>(null);

  const headerTable = (stepIndex: number, side: HeaderSide, headers: HeaderLine[]) => (
    <table className="headers-table">
      <tbody>
        {headers.map((h, i) => {
          const key = `${stepIndex}/${side}/${i}`;
          return (
            <tr key={key}>
              <th scope="row" className="mono">{h.name}</th>
              <td className="mono">
                {h.secret && reveal ? (
                  <MaskedValue
                    masked={h.value}
                    revealed={revealed?.key === key ? revealed.value : null}
                    label={h.name}
                    onReveal={() => {
                      void reveal(stepIndex, side, i).then((value) => setRevealed({ key, value }));
                    }}
                    onHide={() => setRevealed(null)}
                  />
                ) : (
                  h.value
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );

  return (
    <>
        {steps.map((step, i) => (
          <details key={i} className="exchange-step" open={OPEN.includes(step.purpose)}>
            <summary>
              <span className="purpose small muted">{PURPOSES[step.purpose]}</span>{" "}
              <span className="method">{step.method}</span> <span className="mono">{step.url}</span>{" "}
              <span className={`badge ${step.status < 400 ? "badge-ok" : "badge-error"}`}>{step.status}</span>{" "}
              <span className="small muted">{formatMs(step.elapsed_ms)}</span>
            </summary>
            <div className="exchange-cols">
              <div>
                <h4>Request headers</h4>
                {headerTable(i, "request", step.request_headers)}
              </div>
              <div>
                <h4>Response headers</h4>
                {headerTable(i, "response", step.response_headers)}
              </div>
            </div>
          </details>
        ))}
    </>
  );
}

/** The login as it happened, foldable to make room. */
export function ExchangeView({ steps, reveal }: Props) {
  return (
    <details className="exchange-wrap" open>
      <summary className="small muted">
        The login exchange ({steps.length} {steps.length === 1 ? "request" : "requests"}); fold it to make room
      </summary>
      <div className="exchange" data-testid="exchange">
        <ExchangeSteps steps={steps} reveal={reveal} />
      </div>
    </details>
  );
}
