import { OpwireError } from '@opwire/protocol';
import type * as PromClientPackage from 'prom-client';
import type { Registry } from 'prom-client';
import { requireOptionalPeer } from '../optionalPeer.js';
import { METRIC_FAMILIES } from '../stats/metricFamilies.js';
import type { OpwireStats } from '../stats/serverStats.js';

/** Where opwire's counters come from: the object `createOpwire()` returns. */
export interface OpwireStatsSource {
  /** This node's counters, read at each scrape. */
  stats(): OpwireStats;
}

/** Options of {@link registerOpwireMetrics}. */
export interface OpwireMetricsOptions {
  /**
   * Put before every metric name, as prom-client's `collectDefaultMetrics`
   * does: `prefix: 'app_'` gives `app_opwire_connections`. Needed to register
   * two opwire servers of one process in one registry.
   * @default ''
   */
  prefix?: string;
}

/**
 * Registers opwire's counters and gauges in your prom-client `Registry`, so
 * they are scraped with your app's own metrics (prom-client is an optional
 * peer dependency: `npm install prom-client`). Values are read from
 * `opwire.stats()` at each scrape; names, labels and values are those of the
 * built-in `GET {base}/metrics` endpoint. Returns a function that removes
 * them from the registry again.
 *
 * @example
 * import { Registry, collectDefaultMetrics } from 'prom-client';
 * const registry = new Registry();
 * collectDefaultMetrics({ register: registry });
 * registerOpwireMetrics(opwire, registry);
 * app.get('/metrics', async (_req, res) => {
 *   res.type(registry.contentType).send(await registry.metrics());
 * });
 */
export function registerOpwireMetrics(
  opwire: OpwireStatsSource,
  registry: Registry,
  options: OpwireMetricsOptions = {},
): () => void {
  const prom = requireOptionalPeer<typeof PromClientPackage>(
    'prom-client',
    'registerOpwireMetrics()',
  );
  if (typeof opwire?.stats !== 'function') {
    throw new OpwireError(
      'invalid_option',
      'registerOpwireMetrics needs the object createOpwire() returned: registerOpwireMetrics(opwire, registry).',
    );
  }
  if (typeof registry?.registerMetric !== 'function') {
    throw new OpwireError(
      'invalid_option',
      'registerOpwireMetrics needs a prom-client Registry, e.g. `new Registry()` or prom-client’s `register`.',
    );
  }
  const prefix = options.prefix ?? '';
  const names = METRIC_FAMILIES.map((family) => `${prefix}${family.name}`);
  const taken = names.filter((name) => registry.getSingleMetric(name) !== undefined);
  if (taken.length > 0) {
    throw new OpwireError(
      'invalid_option',
      `The registry already has ${taken.join(', ')}; give each opwire server its own \`prefix\`.`,
    );
  }

  for (const [index, family] of METRIC_FAMILIES.entries()) {
    const configuration = {
      name: names[index] as string,
      help: family.help,
      labelNames: family.labelNames,
      registers: [registry],
    };
    if (family.type === 'gauge') {
      new prom.Gauge({
        ...configuration,
        collect() {
          this.reset();
          for (const { labels, value } of family.samples(opwire.stats())) this.set(labels, value);
        },
      });
    } else {
      new prom.Counter({
        ...configuration,
        collect() {
          // A counter cannot be set: start from zero and count up to opwire's value.
          this.reset();
          for (const { labels, value } of family.samples(opwire.stats())) this.inc(labels, value);
        },
      });
    }
  }
  return () => {
    for (const name of names) registry.removeSingleMetric(name);
  };
}
