/**
 * opwire's counters and gauges in your own prom-client registry.
 *
 * @module @opwire/server/prom-client
 */
export type {
  OpwireMetricsOptions,
  OpwireStatsSource,
} from './registerOpwireMetrics.js';
export { registerOpwireMetrics } from './registerOpwireMetrics.js';
