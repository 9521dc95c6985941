/**
 * A short English rendering of a time left, as a progress tracker shows
 * it: `less than a second left`, `about 12 s left`, `about 3 min left`,
 * `about 1 h 5 min left`.
 *
 * @example
 * formatTimeLeft(12_000); // 'about 12 s left'
 */
export function formatTimeLeft(ms: number): string {
  if (ms < 1_000) return 'less than a second left';
  const seconds = Math.round(ms / 1_000);
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `about ${hours} h left` : `about ${hours} h ${rest} min left`;
}
