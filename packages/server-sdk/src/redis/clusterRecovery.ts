import type { Cluster } from 'ioredis';

const PROBE_MS = 250;

/**
 * Tells when a Redis Cluster is whole again after one of its nodes dropped
 * out (ioredis reports `-node` or `node error`): every master the cluster
 * counts answers a PING. A classic subscriber on a cluster moves to another
 * node by itself when its node goes, and misses what was published
 * meanwhile, so this is when the web node's sockets should resume.
 */
export function watchClusterRecovery(clients: readonly Cluster[], onRecovered: () => void) {
  const primary = clients[0] as Cluster;
  let probe: ReturnType<typeof setInterval> | undefined;
  let probing = false;
  let closed = false;

  const whole = async () => {
    const info = String(await primary.cluster('INFO'));
    const size = Number(/cluster_size:(\d+)/.exec(info)?.[1] ?? Number.NaN);
    const masters = primary.nodes('master');
    if (!info.includes('cluster_state:ok') || masters.length < size) return false;
    await Promise.all(masters.map((node) => node.ping()));
    return true;
  };

  const check = () => {
    if (probing || closed) return;
    probing = true;
    whole().then(
      (ok) => {
        probing = false;
        if (!ok || closed) return;
        clearInterval(probe);
        probe = undefined;
        onRecovered();
      },
      () => {
        probing = false;
      },
    );
  };

  const outage = () => {
    if (closed || probe !== undefined) return;
    probe = setInterval(check, PROBE_MS);
    probe.unref?.();
  };
  for (const client of clients) {
    client.on('-node', outage);
    client.on('node error', outage);
  }
  return () => {
    closed = true;
    clearInterval(probe);
    for (const client of clients) {
      client.off('-node', outage);
      client.off('node error', outage);
    }
  };
}
