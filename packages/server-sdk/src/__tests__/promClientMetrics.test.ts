import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { signToken } from '@opwire/test-kit/tokens';
import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { registerOpwireMetrics } from '../promClient/registerOpwireMetrics.js';
import { prometheusText } from '../stats/prometheus.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The sample lines of a Prometheus text, without comments. */
const samples = (text: string) => text.split('\n').filter((line) => line && !line.startsWith('#'));

async function busyServer(): Promise<TestServer> {
  server = await startTestServer();
  const alice = await server.connect({ sub: 'alice', tid: 'acme' });
  await server.connect({ sub: 'bob', tid: 'acme' });
  const { done } = server.opwire.operation.track('import', async () => ({ rows: 1 }), {
    audience: { user: 'alice' },
  });
  await done;
  await alice.request('opwire:join', { room: 'tenant:other' });
  const refused = await server.connect(
    { auth: { token: signToken({ sub: 'x' }, { secret: 'wrong' }), v: 1, vmax: 2 } },
    { waitHello: false },
  );
  await new Promise((resolve) => refused.socket.once('connect_error', resolve));
  return server;
}

describe('registerOpwireMetrics with a real prom-client Registry', () => {
  it('serves the same names, types, labels and values as the built-in endpoint', async () => {
    const { opwire } = await busyServer();
    const registry = new Registry();
    registerOpwireMetrics(opwire, registry);
    const scraped = await registry.metrics();
    const builtIn = prometheusText(opwire.stats());
    expect(samples(builtIn).length).toBeGreaterThan(10);
    for (const line of samples(builtIn)) expect(scraped.split('\n')).toContain(line);
    for (const line of builtIn.split('\n').filter((l) => l.startsWith('# TYPE'))) {
      expect(scraped).toContain(line);
    }
    expect(scraped).toContain('opwire_connections{kind="authenticated"} 2');
    expect(scraped).toContain('opwire_operations{status="succeeded"} 1');
    expect(scraped).toContain('opwire_joins_denied_total 1');
    expect(scraped).toContain('opwire_connections_refused_total 1');
  });

  it('reads opwire at each scrape, next to the app’s own metrics', async () => {
    const { opwire, connect } = await busyServer();
    const registry = new Registry();
    const own = new Counter({ name: 'app_orders_total', help: 'Orders.', registers: [registry] });
    own.inc(5);
    registerOpwireMetrics(opwire, registry);
    const before = await registry.getSingleMetric('opwire_messages_sent_total')?.get();
    await connect({ sub: 'carol', tid: 'acme' });
    opwire.to({ tenant: 'acme' }).emit('news', { n: 1 });
    const after = await registry.getMetricsAsJSON();
    const metric = (name: string) => after.find((entry) => entry.name === name);
    expect(metric('opwire_connections')?.values).toContainEqual(
      expect.objectContaining({ labels: { kind: 'authenticated' }, value: 3 }),
    );
    expect(metric('opwire_messages_sent_total')?.values[0]?.value).toBe(
      (before?.values[0]?.value ?? 0) + 1,
    );
    expect(metric('app_orders_total')?.values[0]?.value).toBe(5);
  });

  it('needs a prefix for a second server in one registry, and can be removed again', async () => {
    const { opwire } = await busyServer();
    const registry = new Registry();
    const unregister = registerOpwireMetrics(opwire, registry);
    expect(() => registerOpwireMetrics(opwire, registry)).toThrow(
      expect.objectContaining({
        code: 'invalid_option',
        message: expect.stringContaining('its own `prefix`'),
      }),
    );
    registerOpwireMetrics(opwire, registry, { prefix: 'second_' });
    expect(await registry.metrics()).toContain('second_opwire_connections{kind="authenticated"} 2');
    unregister();
    expect(registry.getSingleMetric('opwire_connections')).toBeUndefined();
    expect(registry.getSingleMetric('second_opwire_connections')).toBeDefined();
  });

  it('says what to pass when given something else', () => {
    const registry = new Registry();
    expect(() => registerOpwireMetrics({} as never, registry)).toThrow(/the object createOpwire/);
    expect(() => registerOpwireMetrics({ stats: () => ({}) as never }, {} as never)).toThrow(
      /needs a prom-client Registry/,
    );
  });
});
