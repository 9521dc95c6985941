// What every backend example must do: a demo user starts an import, a client
// follows it to `completed`, the users table grows, and another tenant sees
// none of it.
import { expect } from 'vitest';
import { connectRecording } from './clients.js';
import { listUsers, login, startImport } from './demoApi.js';

export const STAGES = ['parsing', 'validating', 'importing', 'finalizing'];

export async function checkImportAndIsolation(
  baseUrl: string,
  options: { usersTable?: boolean } = {},
): Promise<void> {
  const alice = await login(baseUrl, 'alice');
  const carol = await login(baseUrl, 'carol');
  const aliceClient = await connectRecording(baseUrl, alice.token);
  const carolClient = await connectRecording(baseUrl, carol.token);
  try {
    const usersBefore = options.usersTable === false ? [] : await listUsers(baseUrl, alice.token);

    const id = await startImport(baseUrl, alice.token, { rows: 24 });
    const handle = aliceClient.client.operation<{ imported: number; skipped: number }>(id);
    await expect(handle.done).resolves.toEqual({ imported: 22, skipped: 2 });
    expect(handle.getSnapshot()).toMatchObject({ status: 'succeeded', percent: 100 });

    const events = aliceClient.messages.filter((message) => message.operationId === id);
    expect(events.map((message) => message.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.at(-1)?.topic).toBe('operation.completed');
    const stages = events.flatMap((message) => {
      const stage = (message.payload as { stage?: string | null }).stage;
      return stage ? [stage] : [];
    });
    expect([...new Set(stages)]).toEqual(STAGES);

    if (options.usersTable !== false) {
      const usersAfter = await listUsers(baseUrl, alice.token);
      expect(usersAfter.length).toBe(usersBefore.length + 22);
      const carolUsers = await listUsers(baseUrl, carol.token);
      expect(carolUsers.every((user) => user.source === 'seed')).toBe(true);
    }

    // Carol's own import reaches her client, which shows it was listening all along.
    const carolsId = await startImport(baseUrl, carol.token, { rows: 2 });
    await carolClient.client.operation(carolsId).done;
    expect(carolClient.messages.some((message) => message.operationId === carolsId)).toBe(true);
    expect(carolClient.messages.filter((message) => message.operationId === id)).toEqual([]);
    expect(aliceClient.messages.filter((message) => message.operationId === carolsId)).toEqual([]);

    // Nor can she read or cancel it.
    const read = await fetch(`${baseUrl}/opwire/api/operations/${id}`, {
      headers: { authorization: `Bearer ${carol.token}` },
    });
    expect(read.status).toBe(404);
    await expect(carolClient.client.operation(id).done).rejects.toMatchObject({
      code: 'not_found',
    });
  } finally {
    aliceClient.client.close();
    carolClient.client.close();
  }
}

/** The failure path: `{ fail: true }` ends the operation `failed` with the job's message and code. */
export async function checkFailedImport(baseUrl: string): Promise<void> {
  const bob = await login(baseUrl, 'bob');
  const { client } = await connectRecording(baseUrl, bob.token);
  try {
    const id = await startImport(baseUrl, bob.token, { rows: 10, fail: true });
    const handle = client.operation(id);
    await expect(handle.done).rejects.toMatchObject({ code: 'operation_failed' });
    expect(handle.getSnapshot()).toMatchObject({
      status: 'failed',
      stage: 'validating',
      error: { message: 'Row 5: "not-an-email" is not an e-mail address', code: 'invalid_row' },
    });
  } finally {
    client.close();
  }
}
