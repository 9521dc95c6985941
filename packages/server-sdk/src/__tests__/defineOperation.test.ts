import { startTestServer, type TestServer } from '@opwire/test-kit/testServer';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineOperation } from '../operations/defineOperation.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const userImport = defineOperation({
  type: 'user-import',
  details: z.object({ processed: z.number() }),
  result: z.object({ imported: z.number() }),
  stages: ['parsing', 'importing'],
});

describe('defineOperation', () => {
  it('types progress details, stages and the result', async () => {
    server = await startTestServer({ validatePayloads: true });
    const { done } = server.opwire.operation.track(
      userImport,
      async (op) => {
        op.stage('parsing');
        op.progress(50, 'half', { processed: 5 });
        // @ts-expect-error: not a declared stage
        expect(() => op.stage('uploading')).toThrow(/Unknown stage "uploading"/);
        // @ts-expect-error: details must match the schema
        expect(() => op.progress(60, 'x', { processed: 'six' })).toThrow(
          /details of "user-import" failed validation/,
        );
        return { imported: 10 };
      },
      { audience: { user: 'alice' } },
    );
    const final = await done;
    expectTypeOf(final.result).toEqualTypeOf<{ imported: number } | null>();
    expect(final).toMatchObject({
      status: 'succeeded',
      result: { imported: 10 },
      stages: ['parsing', 'importing'],
    });
  });

  it('fails the operation when the result does not match, with a clear error', async () => {
    server = await startTestServer({ validatePayloads: true });
    const errors: string[] = [];
    server.opwire.events.on('error', (error) => errors.push(error.message));
    const { done } = server.opwire.operation.track(
      userImport,
      async () => ({ imported: 'ten' }) as unknown as { imported: number },
      { audience: { user: 'alice' } },
    );
    const final = await done;
    expect(final.status).toBe('failed');
    expect(final.error?.code).toBe('invalid_payload');
    expect(errors[0]).toMatch(/result of "user-import" failed validation at imported/);
  });

  it('skips validation when validatePayloads is off', async () => {
    server = await startTestServer({ validatePayloads: false });
    const op = server.opwire.operation.start(userImport, { audience: { user: 'alice' } });
    op.progress(1, undefined, { processed: 'x' } as unknown as { processed: number });
    op.complete({ imported: 'x' } as unknown as { imported: number });
    expect((await op.done).status).toBe('succeeded');
  });
});
