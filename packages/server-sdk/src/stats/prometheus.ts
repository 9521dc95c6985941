import { METRIC_FAMILIES, type MetricSample } from './metricFamilies.js';
import type { OpwireStats } from './serverStats.js';

/** Renders stats in the Prometheus text exposition format. */
export function prometheusText(stats: OpwireStats): string {
  const lines: string[] = [];
  for (const family of METRIC_FAMILIES) {
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples(stats)) {
      lines.push(`${family.name}${labelText(sample)} ${sample.value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

// Label values are opwire's own words (statuses, kinds, modes): nothing to escape.
function labelText({ labels }: MetricSample): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${value}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}
