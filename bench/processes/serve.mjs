/**
 * The child side of bench/lib/children.mjs: answers the parent's commands with
 * the given handlers, says it is ready, and exits when the parent goes away or
 * the lifetime runs out, so no bench process outlives a run.
 *
 * @param {Record<string, (args: any) => unknown>} handlers
 * @param {unknown} readyData
 */
export function serve(handlers, readyData) {
  process.on('message', async (/** @type {any} */ message) => {
    if (message.cmd === 'exit') process.exit(0);
    const handler = handlers[message.cmd];
    if (message.id === undefined) {
      handler?.(message.args);
      return;
    }
    try {
      if (!handler) throw new Error(`unknown command "${message.cmd}"`);
      const result = await handler(message.args);
      process.send?.({ id: message.id, ok: true, result });
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.send?.({ id: message.id, ok: false, error: text });
    }
  });
  process.send?.({ event: 'ready', data: readyData });
}

/**
 * Sends an unsolicited event to the parent.
 * @param {string} event
 * @param {unknown} data
 */
export function emitToParent(event, data) {
  process.send?.({ event, data });
}

/** @returns {any} the configuration the parent handed over. */
export function childConfig() {
  return JSON.parse(process.env.BENCH_CONFIG ?? '{}');
}

/** Ends this process when the parent disappears or its lifetime is over. */
export function exitWithParent() {
  process.on('disconnect', () => process.exit(0));
  const lifetime = Number(process.env.BENCH_LIFETIME_MS ?? 600_000);
  setTimeout(() => {
    console.error(`bench process ${process.pid} reached its lifetime of ${lifetime} ms`);
    process.exit(3);
  }, lifetime).unref();
}
