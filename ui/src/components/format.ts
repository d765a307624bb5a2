// How sizes and durations read in the window, in one place for every panel.

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** One decimal under 10 ms (a loopback answer is not "0 ms"), whole milliseconds above. */
export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** How long something has run: seconds with one decimal under a minute, then minutes and seconds. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return formatMs(ms);
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
