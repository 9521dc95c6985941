/**
 * Memory of this process after full garbage collections (the process runs
 * with --expose-gc).
 * @returns {Promise<{ rss: number, heapTotal: number, heapUsed: number, external: number, arrayBuffers: number }>}
 */
export async function settledMemory() {
  const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);
  if (!gc) throw new Error('memory probe needs node --expose-gc');
  for (let round = 0; round < 3; round += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapTotal, heapUsed, external, arrayBuffers };
}
