import type { OperationHandle } from '@opwire/server';
import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { afterEach, describe, expect, it } from 'vitest';

let server: TestServer;
afterEach(async () => {
  await server.close();
});

/** The payloads of an operation's progress events, as a client in its audience heard them. */
async function progressHeard(report: (op: OperationHandle) => void) {
  const alice = await server.connect({ sub: 'alice', tid: 'acme' });
  const op = server.opwire.operation.start('import', { audience: { user: 'alice' } });
  report(op);
  op.complete();
  await alice.waitForMessage((m) => m.operationId === op.id && m.topic === 'operation.completed');
  return alice
    .operationEvents(op.id)
    .filter((m) => m.topic === 'operation.progress')
    .map((m) => m.payload);
}

describe('op.progress() with one object', () => {
  it('writes what the positional form writes, and takes details without a message', async () => {
    server = await startTestServer({ progressIntervalMs: 0 });
    const positional = await progressHeard((op) => {
      op.progress(10, 'Parsing');
      op.progress(20, undefined, { rows: 2 });
    });
    const object = await progressHeard((op) => {
      op.progress({ percent: 10, message: 'Parsing' });
      op.progress({ percent: 20, details: { rows: 2 } });
    });
    expect(object).toEqual(positional);
    expect(object).toEqual([
      { percent: 10, message: 'Parsing' },
      { percent: 20, details: { rows: 2 } },
    ]);
  });

  it('refuses a percent that is not a finite number, and both forms at once', async () => {
    server = await startTestServer({ progressIntervalMs: 0 });
    const op = server.opwire.operation.start('import', { audience: { user: 'alice' } });
    // What a JavaScript caller could pass, past the types.
    const progress = op.progress.bind(op) as (...args: unknown[]) => void;
    const refused = (...args: unknown[]) => {
      try {
        progress(...args);
      } catch (error) {
        return error;
      }
      throw new Error(`op.progress(${JSON.stringify(args)}) was accepted`);
    };
    expect(refused({ percent: Number.NaN })).toMatchObject({
      code: 'invalid_payload',
      message: 'op.progress() needs a finite number for percent, got NaN.',
    });
    expect(refused({ message: 'no percent' })).toMatchObject({ code: 'invalid_payload' });
    expect(refused('40')).toMatchObject({ code: 'invalid_payload' });
    expect(refused({ percent: 40 }, 'a message as well')).toMatchObject({
      code: 'invalid_payload',
      message: expect.stringContaining('not both'),
    });
    op.complete();
    await op.done;
  });
});
