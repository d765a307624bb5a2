import { useState } from "react";
import type { ExchangeStep, HeaderLine, HeaderSide } from "../../api/backend";
import { MaskedValue } from "../../components/MaskedValue";

interface Props {
  steps: ExchangeStep[];
  reveal: (step: number, side: HeaderSide, index: number) => Promise<string>;
}

interface Revealed {
  key: string;
  value: string;
}

/** The login as it happened: each request line, its headers and the response headers. Secrets are
 * masked; revealing one hides the one revealed before. */
export function ExchangeView({ steps, reveal }: Props) {
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
                {h.secret ? (
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
    <details className="exchange-wrap" open>
      <summary className="small muted">
        The login exchange ({steps.length} {steps.length === 1 ? "request" : "requests"}); fold it to make room
      </summary>
      <div className="exchange" data-testid="exchange">
        {steps.map((step, i) => (
          <details key={i} className="exchange-step" open={i === 0}>
            <summary>
              <span className="method">{step.method}</span> <span className="mono">{step.url}</span>{" "}
              <span className={`badge ${step.status < 400 ? "badge-ok" : "badge-error"}`}>{step.status}</span>
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
      </div>
    </details>
  );
}
