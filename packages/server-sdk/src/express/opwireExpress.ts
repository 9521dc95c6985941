import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { OpwireError } from '@opwire/protocol';
import type { RequestHandler } from 'express';
import { assembleOpwire } from '../assembleOpwire.js';
import type { Opwire } from '../createOpwire.js';
import { COMMON_HEADERS, problem, send } from '../http/httpAnswers.js';
import type { EventSchemas, inferEvents, UntypedEvents } from '../messaging/defineEvents.js';
import { defaults, type OpwireOptions } from '../options.js';
import { createDetachedSocketServer, type DetachedSocketServer } from '../socket/attach.js';
import { createAuthenticateMiddleware } from './authenticateRequest.js';
import { PROBE_HEADER, type RoutesCheck, RoutesProbe } from './routesCheck.js';

/** An Express app or router, to mount opwire's routes on. */
export interface ExpressMountable {
  /** Mounts middleware on every path, as `app.use(handler)` does. */
  use(handler: RequestHandler): unknown;
}

/** Options of {@link opwireExpress}: those of `createOpwire`, with `server` optional. */
export interface OpwireExpressOptions<TSchemas extends EventSchemas = EventSchemas>
  extends Omit<OpwireOptions<TSchemas>, 'server'> {
  /**
   * The HTTP server, when it exists already; otherwise pass it to `attach()`
   * once it does (`attach(app.listen(3000))`).
   */
  server?: HttpServer | HttpsServer;
  /**
   * Once the server listens, send it one request under `httpBasePath` to check
   * that opwire's routes answer it, and emit a process warning
   * (`OPWIRE_ROUTES_SHADOWED`) when something mounted earlier answers instead.
   * @default true
   */
  checkRoutes?: boolean;
}

/** What {@link opwireExpress} gives the app. */
export interface OpwireExpress<TEvents = UntypedEvents> {
  /** The opwire server: operations and messaging work at once, sockets once attached. */
  readonly opwire: Opwire<TEvents>;
  /**
   * Middleware that authenticates a request with opwire's auth and sets
   * `req.opwirePrincipal`; a request it refuses gets opwire's 401 (or 503 when
   * the authenticator cannot decide) and goes no further.
   */
  readonly authenticate: RequestHandler;
  /**
   * Attaches opwire's Socket.IO server to the app's HTTP server, and returns
   * that server: `const server = attach(app.listen(3000))`. Call it once.
   */
  attach<TServer extends HttpServer | HttpsServer>(server: TServer): TServer;
  /**
   * Sends the attached server one request under `httpBasePath`, once it
   * listens, and tells whether opwire's routes answered it or something
   * mounted before them did.
   */
  checkRoutes(): Promise<RoutesCheck>;
}

/**
 * Wires opwire into an Express app: mounts its HTTP routes on `app` now, so
 * they come before whatever is mounted after (catch-alls, static files,
 * Swagger UI, error handlers), and attaches Socket.IO once the HTTP server
 * exists. Call it right after `express()` and your global middleware.
 *
 * @example
 * const app = express();
 * const { opwire, authenticate, attach } = opwireExpress(app, { auth });
 * app.post('/api/exports', authenticate, (req, res) => {
 *   const { id } = opwire.operation.track('export', run, { audience: { user: req.opwirePrincipal!.userId } });
 *   res.status(202).json({ operationId: id });
 * });
 * attach(app.listen(3000));
 */
export function opwireExpress<TSchemas extends EventSchemas = EventSchemas>(
  app: ExpressMountable,
  options: OpwireExpressOptions<TSchemas>,
): OpwireExpress<
  EventSchemas extends TSchemas ? UntypedEvents : inferEvents<{ schemas: TSchemas }>
> {
  const { server: givenServer, checkRoutes: selfCheck = true, ...opwireOptions } = options ?? {};
  const { opwire, http, attached } = assembleOpwire(
    opwireOptions as Omit<OpwireOptions<EventSchemas>, 'server'>,
    createDetachedSocketServer,
  );
  const probe = new RoutesProbe(http.basePath);
  const socketPath = opwireOptions.path ?? defaults.path;
  let server: HttpServer | HttpsServer | undefined;

  app.use(routesHandler(opwire.http, probe, attached, socketPath, () => server !== undefined));

  const checkRoutes = (): Promise<RoutesCheck> => {
    if (server === undefined) {
      return Promise.reject(
        new OpwireError(
          'invalid_option',
          'checkRoutes() needs the server: call attach(server) first.',
        ),
      );
    }
    return probe.check(server);
  };

  const attach = <TServer extends HttpServer | HttpsServer>(given: TServer): TServer => {
    if (server !== undefined) {
      throw new OpwireError(
        'invalid_option',
        'opwire is attached already; call attach(server) once.',
      );
    }
    attached.attachTo(given);
    server = given;
    if (selfCheck) warnWhenShadowed(checkRoutes());
    return given;
  };

  if (givenServer !== undefined) attach(givenServer);
  return {
    opwire: opwire as never,
    authenticate: createAuthenticateMiddleware(http),
    attach,
    checkRoutes,
  };
}

/**
 * `opwire.http`, plus the answer to the routes probe, plus a clear 503 for a
 * socket that tries to connect before Socket.IO is attached (once it is, its
 * engine takes those requests before Express sees them).
 */
function routesHandler(
  handler: Opwire['http'],
  probe: RoutesProbe,
  attached: DetachedSocketServer,
  socketPath: string,
  isAttached: () => boolean,
): RequestHandler {
  return (req, res, next) => {
    if (probe.isProbe(req.headers)) {
      res.writeHead(204, { ...COMMON_HEADERS, [PROBE_HEADER]: probe.secret });
      res.end();
      return;
    }
    if (!isAttached() && req.path.startsWith(`${socketPath}/`)) {
      send(
        res,
        problem(
          'unavailable',
          `opwire's Socket.IO server (namespace "${attached.namespace.name}") is not attached yet: pass the HTTP server to attach(), e.g. attach(app.listen(3000)).`,
        ),
      );
      return;
    }
    handler(req, res, next);
  };
}

/** Reports shadowed routes as a process warning; a probe that could not be sent tells nothing. */
function warnWhenShadowed(check: Promise<RoutesCheck>): void {
  check.then(
    (result) => {
      if (!result.reached) process.emitWarning(result.message, { code: 'OPWIRE_ROUTES_SHADOWED' });
    },
    () => {},
  );
}
