import jwt from 'jsonwebtoken';
import { DEMO_SECRET } from '../../../lib/settings';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * DEMO ONLY: a token for the user named in `?user=`, and where the realtime
 * server is (read at run time, so one build serves any deployment). Use your
 * auth provider's session instead.
 */
export function GET(request: Request): Response {
  const user = new URL(request.url).searchParams.get('user') ?? 'alice';
  const token = jwt.sign({ sub: user }, DEMO_SECRET, { algorithm: 'HS256', expiresIn: '1h' });
  const realtimeUrl = process.env.OPWIRE_REALTIME_URL ?? 'http://127.0.0.1:4000';
  return Response.json({ token, realtimeUrl });
}
