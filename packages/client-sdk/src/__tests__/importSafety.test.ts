import { afterEach, describe, expect, it, vi } from 'vitest';

const browserGlobals = ['window', 'document', 'location'] as const;

afterEach(() => {
  for (const name of browserGlobals) Reflect.deleteProperty(globalThis, name);
  vi.resetModules();
});

describe('importing @opwire/client', () => {
  it('touches no browser global, so server-side rendering can import it', async () => {
    const touched: string[] = [];
    for (const name of browserGlobals) {
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          // socket.io-client feature-detects with `typeof document`, which is safe; what must not
          // happen is opwire's own code reading a browser global while it is imported.
          const caller = new Error().stack?.split('\n')[2] ?? '';
          if (!caller.includes('node_modules')) touched.push(`${name} ${caller.trim()}`);
          return undefined;
        },
      });
    }
    vi.resetModules();
    const client = await import('../index.js');
    expect(typeof client.createOpwireClient).toBe('function');
    expect(touched).toEqual([]);
  });

  it('opens no connection until a client is created', async () => {
    vi.resetModules();
    const client = await import('../index.js');
    const instance = client.createOpwireClient({ url: 'http://127.0.0.1:9', autoConnect: false });
    expect(instance.status).toBe('disconnected');
    instance.close();
  });
});
