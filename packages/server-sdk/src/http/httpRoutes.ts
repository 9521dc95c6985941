/** One route of opwire's HTTP API, found from the method and the path under the base. */
export type HttpRoute =
  | { kind: 'metrics' }
  | { kind: 'stats' }
  | { kind: 'list' }
  | { kind: 'get'; id: string }
  | { kind: 'cancel'; id: string };

/**
 * opwire's routes for a framework's router, with paths under the base path in
 * the `:param` syntax Express, Fastify and Nest share.
 */
export interface HttpRouteDefinition {
  method: 'GET' | 'POST';
  path: string;
  /** The route from the path parameters the router decoded. */
  route(params: Readonly<Record<string, string | undefined>>): HttpRoute;
}

export const HTTP_ROUTES: readonly HttpRouteDefinition[] = [
  { method: 'GET', path: '/metrics', route: () => ({ kind: 'metrics' }) },
  { method: 'GET', path: '/stats', route: () => ({ kind: 'stats' }) },
  { method: 'GET', path: '/operations', route: () => ({ kind: 'list' }) },
  {
    method: 'GET',
    path: '/operations/:id',
    route: (params) => ({ kind: 'get', id: params.id ?? '' }),
  },
  {
    method: 'POST',
    path: '/operations/:id/cancel',
    route: (params) => ({ kind: 'cancel', id: params.id ?? '' }),
  },
];

/** The route for a method and a path under the base path (`/operations/abc`), or `null`. */
export function routeOf(method: string, path: string): HttpRoute | null {
  if (method === 'GET' && path === '/metrics') return { kind: 'metrics' };
  if (method === 'GET' && path === '/stats') return { kind: 'stats' };
  if (method === 'GET' && path === '/operations') return { kind: 'list' };
  const match = /^\/operations\/([^/]+)(\/cancel)?$/.exec(path);
  if (match?.[1] === undefined) return null;
  const id = decodePathSegment(match[1]);
  if (match[2] === undefined && method === 'GET') return { kind: 'get', id };
  if (match[2] !== undefined && method === 'POST') return { kind: 'cancel', id };
  return null;
}

/** A path segment decoded; malformed percent-encoding gives '' (no operation has that id). */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
