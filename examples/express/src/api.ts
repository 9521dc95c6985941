import type { OpwireExpress } from '@opwire/server/express';
import {
  type DemoUser,
  demoLogin,
  findDemoUser,
  importDurationMs,
  importSpeed,
  parseImportRequest,
  runUserImport,
  UserDirectory,
  userImport,
} from '@opwire-examples/demo-kit';
import { type Request, Router } from 'express';

/** The demo user behind the principal `authenticate` put on the request. */
function userOf(req: Request): DemoUser {
  const user = findDemoUser(req.opwirePrincipal?.userId ?? '');
  if (!user) throw new Error('authenticate let through a user the demo does not know');
  return user;
}

export function apiRouter({ opwire, authenticate }: OpwireExpress): Router {
  const users = new UserDirectory();
  const speed = importSpeed();
  const router = Router();

  // DEMO ONLY: issues tokens for the demo users (password "demo").
  router.post('/login', (req, res) => {
    const login = demoLogin(req.body);
    if (login) res.json(login);
    else res.status(401).json({ error: 'Unknown demo user or wrong password' });
  });

  // opwire: the same auth as opwire's sockets and routes, the principal on req.
  router.get('/me', authenticate, (req, res) => {
    res.json({ user: userOf(req) });
  });

  router.get('/users', authenticate, (req, res) => {
    res.json({ users: users.list(userOf(req).tenantId) });
  });

  router.post('/imports', authenticate, (req, res) => {
    const user = userOf(req);
    const request = parseImportRequest(req.body);
    if (typeof request === 'string') {
      res.status(400).json({ error: request });
      return;
    }
    // opwire: run the job as an operation that everyone in the tenant can follow.
    const { id } = opwire.operation.track(
      userImport,
      (op) => runUserImport(op, request, { speed, save: (rows) => users.add(user.tenantId, rows) }),
      {
        audience: { tenant: user.tenantId },
        title: 'CSV user import',
        tables: ['users'],
        // Every client titles the end toast with these, also after a reload.
        toast: {
          success: 'Users imported',
          failure: 'Import failed',
          cancelled: 'Import cancelled',
        },
        estimatedDurationMs: importDurationMs(speed),
      },
    );
    res.status(202).json({ operationId: id });
  });

  return router;
}
