import { existsSync, readFileSync } from 'node:fs';

/**
 * The machine's TCP sockets in TIME_WAIT (/proc/net/sockstat) and, where the
 * kernel tracks connections, the entries of the connection-tracking table.
 * `null` where the file is not there.
 */
export function tcpState() {
  const sockstat = readOptional('/proc/net/sockstat');
  const tw = sockstat?.match(/^TCP:.*\btw (\d+)/m);
  const conntrack = readOptional('/proc/sys/net/netfilter/nf_conntrack_count');
  const conntrackMax = readOptional('/proc/sys/net/netfilter/nf_conntrack_max');
  return {
    timeWait: tw ? Number(tw[1]) : null,
    conntrack: conntrack === null ? null : Number(conntrack),
    conntrackMax: conntrackMax === null ? null : Number(conntrackMax),
  };
}

/**
 * Waits until the TIME_WAIT sockets are back to `baseline + slack` (those the
 * previous run left have expired), for at most `maxMs`.
 * @param {{ baseline: number, slack: number, maxMs: number, log: (line: string) => void }} options
 * @returns {Promise<{ waitedMs: number, timeWait: number | null }>}
 */
export async function drainTimeWait({ baseline, slack, maxMs, log }) {
  const startedAt = Date.now();
  let lastLog = 0;
  for (;;) {
    const { timeWait, conntrack } = tcpState();
    const waitedMs = Date.now() - startedAt;
    if (timeWait === null || timeWait <= baseline + slack || waitedMs >= maxMs) {
      return { waitedMs, timeWait };
    }
    if (waitedMs - lastLog >= 15_000) {
      lastLog = waitedMs;
      log(`waiting for TIME_WAIT to drain: ${timeWait} sockets (conntrack ${conntrack ?? 'n/a'})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** @param {string} path */
function readOptional(path) {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}
