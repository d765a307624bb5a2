// A draggable divider between two panes: a focusable ARIA separator that the pointer drags (with
// pointer capture, so no window listener) and the arrow keys move.
import { useRef, type KeyboardEvent, type PointerEvent } from "react";

interface Props {
  /** "vertical" divides side-by-side panes (it is a vertical line); "horizontal" stacked ones. */
  orientation: "vertical" | "horizontal";
  /** The current position in the units of `min`/`max`. */
  value: number;
  min: number;
  max: number;
  /** Turns a pointer position (client x or y) into a value. */
  fromPointer: (client: number) => number;
  onChange: (value: number) => void;
  label: string;
  step: number;
  testId?: string;
}

export function Splitter({ orientation, value, min, max, fromPointer, onChange, label, step, testId }: Props) {
  const dragging = useRef(false);
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    onChange(clamp(fromPointer(orientation === "vertical" ? e.clientX : e.clientY)));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = false;
    e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const less = orientation === "vertical" ? "ArrowLeft" : "ArrowUp";
    const more = orientation === "vertical" ? "ArrowRight" : "ArrowDown";
    if (e.key === less) onChange(clamp(value - step));
    else if (e.key === more) onChange(clamp(value + step));
    else if (e.key === "Home") onChange(min);
    else if (e.key === "End") onChange(max);
    else return;
    e.preventDefault();
  };
  return (
    <div
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuemin={Math.round(min * 100) / 100}
      aria-valuemax={Math.round(max * 100) / 100}
      aria-valuenow={Math.round(value * 100) / 100}
      tabIndex={0}
      className={`splitter splitter-${orientation}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onKeyDown={onKeyDown}
      data-testid={testId}
    />
  );
}
