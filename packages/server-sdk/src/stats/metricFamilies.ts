import type { OperationStatus } from '@opwire/protocol';
import type { OpwireStats } from './serverStats.js';

/** One sample of a metric: its labels and value. */
export interface MetricSample {
  labels: Readonly<Record<string, string>>;
  value: number;
}

/**
 * A metric opwire exposes, read from `opwire.stats()`. The built-in
 * `GET {base}/metrics` endpoint and `registerOpwireMetrics` (prom-client)
 * both render this one list, so names, labels and values never differ.
 */
export interface MetricFamily {
  name: string;
  type: 'gauge' | 'counter';
  help: string;
  labelNames: readonly string[];
  samples(stats: OpwireStats): MetricSample[];
}

const STATUSES: readonly OperationStatus[] = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
];

const single = (value: number): MetricSample[] => [{ labels: {}, value }];

export const METRIC_FAMILIES: readonly MetricFamily[] = [
  {
    name: 'opwire_connections',
    type: 'gauge',
    help: 'Open socket connections.',
    labelNames: ['kind'],
    samples: (stats) => [
      { labels: { kind: 'authenticated' }, value: stats.connections.authenticated },
      { labels: { kind: 'anonymous' }, value: stats.connections.anonymous },
    ],
  },
  {
    name: 'opwire_rooms',
    type: 'gauge',
    help: 'Rooms with at least one local member.',
    labelNames: [],
    samples: (stats) => single(Object.keys(stats.rooms).length),
  },
  {
    name: 'opwire_operations',
    type: 'gauge',
    help: 'Operations started on this node, by status.',
    labelNames: ['status'],
    samples: (stats) =>
      STATUSES.map((status) => ({ labels: { status }, value: stats.operations[status] })),
  },
  {
    name: 'opwire_messages_sent_total',
    type: 'counter',
    help: 'Envelopes and operation events handed to delivery.',
    labelNames: [],
    samples: (stats) => single(stats.messagesSent),
  },
  {
    name: 'opwire_joins_denied_total',
    type: 'counter',
    help: 'Room joins refused.',
    labelNames: [],
    samples: (stats) => single(stats.joinsDenied),
  },
  {
    name: 'opwire_connections_refused_total',
    type: 'counter',
    help: 'Handshakes refused.',
    labelNames: [],
    samples: (stats) => single(stats.connectionsRefused),
  },
  {
    name: 'opwire_requests_total',
    type: 'counter',
    help: 'Client requests received.',
    labelNames: [],
    samples: (stats) => single(stats.requests),
  },
  {
    name: 'opwire_requests_rejected_total',
    type: 'counter',
    help: 'Client requests answered with an error.',
    labelNames: [],
    samples: (stats) => single(stats.requestsRejected),
  },
  {
    name: 'opwire_resumes_total',
    type: 'counter',
    help: 'Operations resumed, by how.',
    labelNames: ['mode'],
    samples: (stats) => [
      { labels: { mode: 'replayed' }, value: stats.resumes.replayed },
      { labels: { mode: 'snapshot' }, value: stats.resumes.snapshotted },
    ],
  },
];
