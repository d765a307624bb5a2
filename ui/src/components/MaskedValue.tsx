// A secret shown masked, with Reveal and Hide (the parent keeps at most one revealed).
interface Props {
  /** The masked text the backend sent (e.g. "Bearer ••••••••"). */
  masked: string;
  /** The real value once revealed, else null. */
  revealed: string | null;
  onReveal: () => void;
  onHide: () => void;
  label: string;
}

/** A secret shown masked; one click reveals it (the parent keeps at most one revealed). */
export function MaskedValue({ masked, revealed, onReveal, onHide, label }: Props) {
  return (
    <span className="masked">
      <code className={revealed === null ? "mask" : "revealed"} data-testid="masked-value">
        {revealed ?? masked}
      </code>
      <button
        className="link-button small"
        onClick={revealed === null ? onReveal : onHide}
        aria-label={`${revealed === null ? "Reveal" : "Hide"} ${label}`}
      >
        {revealed === null ? "Reveal" : "Hide"}
      </button>
    </span>
  );
}
