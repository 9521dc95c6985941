import type { Opwire } from '@opwire/server';
import {
  type DemoUser,
  demoLogin,
  importDurationMs,
  importSpeed,
  parseImportRequest,
  runUserImport,
  UserDirectory,
  userFromAuthorization,
  userImport,
} from '@opwire-examples/demo-kit';
import { type RequestHandler, Router } from 'express';

/** `res.locals.user` after `requireUser`. */
interface Locals {
  user: DemoUser;
}

const requireUser: RequestHandler = (req, res, next) => {
  const user = userFromAuthorization(req.headers.authorization);
  if (!user) {
    res.status(401).json({ error: 'Log in first' });
    return;
  }
  res.locals.user = user;
  next();
};

export function apiRouter(opwire: Opwire): Router {
  const users = new UserDirectory();
  const speed = importSpeed();
  const router = Router();

  // DEMO ONLY: issues tokens for the demo users (password "demo").
  router.post('/login', (req, res) => {
    const login = demoLogin(req.body);
    if (login) res.json(login);
    else res.status(401).json({ error: 'Unknown demo user or wrong password' });
  });

  router.get('/me', requireUser, (_req, res) => {
    res.json({ user: (res.locals as Locals).user });
  });

  router.get('/users', requireUser, (_req, res) => {
    res.json({ users: users.list((res.locals as Locals).user.tenantId) });
  });

  router.post('/imports', requireUser, (req, res) => {
    const { user } = res.locals as Locals;
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
        estimatedDurationMs: importDurationMs(speed),
      },
    );
    res.status(202).json({ operationId: id });
  });

  return router;
}
