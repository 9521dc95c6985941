import type { IncomingHttpHeaders } from 'node:http';
import type { CorsOptions } from '../options.js';

/** `cors.origin` as a list; `undefined` without `cors`, when origins are not checked. */
export function allowedOriginsOf(cors: CorsOptions | undefined): readonly string[] | undefined {
  if (cors === undefined) return undefined;
  return typeof cors.origin === 'string' ? [cors.origin] : [...cors.origin];
}

/**
 * Why a browser request comes from an origin that `cors.origin` does not
 * list, or `null` when it may go on. The `Origin` header decides; a request
 * without one is refused only when the browser says it is cross-site
 * (`Sec-Fetch-Site: cross-site`, as on a `<script>` or form from another
 * site). Requests from servers and scripts send neither and go on. Without
 * `cors` (`allowed` undefined) nothing is refused.
 */
export function crossOriginProblem(
  headers: IncomingHttpHeaders,
  allowed: readonly string[] | undefined,
): string | null {
  if (allowed === undefined) return null;
  const origin = headers.origin;
  if (typeof origin === 'string') {
    return allowed.includes(origin) ? null : `origin ${origin} is not in cors.origin`;
  }
  if (headers['sec-fetch-site'] === 'cross-site') {
    return 'a cross-site request without an Origin header';
  }
  return null;
}

/**
 * Whether an Engine.IO request asks for JSONP polling, which Engine.IO picks
 * when the query has `j`. JSONP answers are scripts any site may load, so they
 * would hand a session made with the visitor's cookies to another site.
 */
export function asksForJsonp(query: Readonly<Record<string, unknown>>): boolean {
  return Object.hasOwn(query, 'j');
}
