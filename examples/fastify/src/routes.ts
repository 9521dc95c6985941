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
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    user: DemoUser | null;
  }
}

/** The demo API: login, the users table, and imports run as opwire operations. */
export const demoRoutes: FastifyPluginAsync = async (fastify) => {
  const users = new UserDirectory();
  const speed = importSpeed();

  fastify.decorateRequest('user', null);
  const requireUser = async (request: FastifyRequest, reply: FastifyReply) => {
    request.user = userFromAuthorization(request.headers.authorization);
    if (!request.user) return reply.code(401).send({ error: 'Log in first' });
  };

  // DEMO ONLY: issues tokens for the demo users (password "demo").
  fastify.post('/api/login', async (request, reply) => {
    const login = demoLogin(request.body);
    return login ?? reply.code(401).send({ error: 'Unknown demo user or wrong password' });
  });

  fastify.get('/api/me', { preHandler: requireUser }, async (request) => ({ user: request.user }));

  fastify.get('/api/users', { preHandler: requireUser }, async (request) => ({
    users: users.list(request.user?.tenantId ?? ''),
  }));

  fastify.post('/api/imports', { preHandler: requireUser }, async (request, reply) => {
    const user = request.user as DemoUser;
    const importRequest = parseImportRequest(request.body);
    if (typeof importRequest === 'string') return reply.code(400).send({ error: importRequest });
    // opwire: run the job as an operation that everyone in the tenant can follow.
    const { id } = fastify.opwire.operation.track(
      userImport,
      (op) =>
        runUserImport(op, importRequest, {
          speed,
          save: (rows) => users.add(user.tenantId, rows),
        }),
      {
        audience: { tenant: user.tenantId },
        title: 'CSV user import',
        tables: ['users'],
        estimatedDurationMs: importDurationMs(speed),
      },
    );
    return reply.code(202).send({ operationId: id });
  });
};
