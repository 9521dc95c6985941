import type { OpwireStats } from './serverStats.js';

/** Renders stats in the Prometheus text exposition format. */
export function prometheusText(stats: OpwireStats): string {
  const lines: string[] = [];
  const metric = (
    name: string,
    type: 'gauge' | 'counter',
    help: string,
    samples: Array<[string, number]>,
  ) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
  };
  metric('opwire_connections', 'gauge', 'Open socket connections.', [
    ['{kind="authenticated"}', stats.connections.authenticated],
    ['{kind="anonymous"}', stats.connections.anonymous],
  ]);
  metric('opwire_rooms', 'gauge', 'Rooms with at least one local member.', [
    ['', Object.keys(stats.rooms).length],
  ]);
  metric(
    'opwire_operations',
    'gauge',
    'Operations started on this node, by status.',
    Object.entries(stats.operations).map(([status, count]) => [`{status="${status}"}`, count]),
  );
  metric('opwire_messages_sent_total', 'counter', 'Envelopes handed to delivery.', [
    ['', stats.messagesSent],
  ]);
  metric('opwire_joins_denied_total', 'counter', 'Room joins refused.', [['', stats.joinsDenied]]);
  metric('opwire_connections_refused_total', 'counter', 'Handshakes refused.', [
    ['', stats.connectionsRefused],
  ]);
  metric('opwire_requests_total', 'counter', 'Client requests received.', [['', stats.requests]]);
  metric('opwire_requests_rejected_total', 'counter', 'Client requests answered with an error.', [
    ['', stats.requestsRejected],
  ]);
  metric('opwire_resumes_total', 'counter', 'Operations resumed, by how.', [
    ['{mode="replayed"}', stats.resumes.replayed],
    ['{mode="snapshot"}', stats.resumes.snapshotted],
  ]);
  return `${lines.join('\n')}\n`;
}
