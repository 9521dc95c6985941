import { enqueueTracked } from '@opwire/server/redis';
import { auth } from '../../../lib/auth';
import { shared } from '../../../lib/opwire';

export const runtime = 'nodejs';

/**
 * Starts an export: enqueues the job for the worker with its operation, and
 * answers 202 at once. The request ends here; the worker does the work.
 */
export async function POST(request: Request): Promise<Response> {
  const token = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  const found = await auth({ token, headers: {}, transport: 'http' });
  const principal = found && 'principal' in found ? found.principal : found;
  if (!principal) return Response.json({ error: 'Sign in first' }, { status: 401 });

  const body = (await request.json().catch(() => ({}))) as { rows?: unknown; fail?: unknown };
  const rows = typeof body.rows === 'number' && body.rows > 0 ? Math.min(body.rows, 1000) : 20;
  const { emitter, queue } = shared();
  const { operationId } = await enqueueTracked(
    (await emitter).operation,
    queue,
    'export',
    { rows, fail: body.fail === true },
    { audience: { user: principal.userId }, title: `Export of ${rows} rows` },
  );
  return Response.json({ operationId }, { status: 202 });
}
