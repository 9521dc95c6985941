'use server';

import { enqueueTracked } from '@opwire/server/redis';
import { auth } from '../lib/auth';
import { shared } from '../lib/opwire';

/**
 * The same start as `POST /api/exports`, as a server action: enqueues the job
 * and returns the operation id at once.
 */
export async function startExport(
  token: string,
  options: { rows: number; fail: boolean },
): Promise<{ operationId: string }> {
  const found = await auth({ token, headers: {}, transport: 'http' });
  const principal = found && 'principal' in found ? found.principal : found;
  if (!principal) throw new Error('Sign in first');
  const { emitter, queue } = shared();
  const { operationId } = await enqueueTracked(
    (await emitter).operation,
    queue,
    'export',
    options,
    {
      audience: { user: principal.userId },
      title: `Export of ${options.rows} rows`,
    },
  );
  // Only plain data crosses back to the page (not the BullMQ job).
  return { operationId };
}
