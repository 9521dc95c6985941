import { OpwireError } from '@opwire/protocol';
import { describe, expect, it } from 'vitest';
import { httpPollingFallback } from '../httpPollingFallback.js';
import { DEFAULT_CLIENT_OPTIONS, resolveOptions } from '../options.js';

const fails = (init: Parameters<typeof resolveOptions>[0]) => {
  try {
    resolveOptions(init);
  } catch (error) {
    expect(error).toBeInstanceOf(OpwireError);
    expect((error as OpwireError).code).toBe('invalid_option');
    return (error as OpwireError).message;
  }
  throw new Error('expected resolveOptions to throw');
};

describe('client options', () => {
  it('merges what is given over the defaults', () => {
    const options = resolveOptions({ url: 'http://localhost:3000', requestTimeoutMs: 500 });
    expect(options).toMatchObject({
      ...DEFAULT_CLIENT_OPTIONS,
      url: 'http://localhost:3000',
      requestTimeoutMs: 500,
    });
  });

  it('ignores options given as undefined', () => {
    expect(resolveOptions({ url: 'http://h', path: undefined }).path).toBe('/opwire/socket.io');
  });

  it('keeps only the origin and turns ws(s) into http(s)', () => {
    expect(resolveOptions({ url: 'wss://example.com:8443/' }).url).toBe('https://example.com:8443');
  });

  it('explains what a bad option needs', () => {
    expect(fails({ url: 'http://h/app' })).toMatch(/without a path; set `path` and `apiPath`/);
    expect(fails({ url: 'localhost:3000' })).toMatch(/option "url"/);
    expect(fails({})).toMatch(/outside a browser/);
    expect(fails({ url: 'http://h', path: 'socket' })).toMatch(
      /option "path" must be a path starting with "\/"/,
    );
    expect(fails({ url: 'http://h', namespace: 'events' })).toMatch(
      /option "namespace" must be a path starting with "\/"/,
    );
    expect(fails({ url: 'http://h', requestTimeoutMs: 0 })).toMatch(/requestTimeoutMs/);
    expect(fails({ url: 'http://h', randomizationFactor: 2 })).toMatch(/randomizationFactor/);
    expect(fails({ url: 'http://h', reconnectionDelayMs: 10_000 })).toMatch(
      /reconnectionDelayMaxMs/,
    );
    expect(fails({ url: 'http://h', token: 42 as unknown as string })).toMatch(/option "token"/);
    const legacyFallback = { url: 'http://h', pollingFallback: true as never };
    expect(fails(legacyFallback)).toMatch(
      /option "pollingFallback" must be `httpPollingFallback\(\)`/,
    );
  });

  it('checks the polling fallback’s interval where it is made', () => {
    expect(() => httpPollingFallback({ intervalMs: 0 })).toThrow(/"intervalMs" must be/);
    expect(() => httpPollingFallback({ intervalMs: Number.NaN })).toThrow(/"intervalMs" must be/);
    expect(
      resolveOptions({ url: 'http://h', pollingFallback: httpPollingFallback() }).pollingFallback,
    ).toBeDefined();
  });
});
