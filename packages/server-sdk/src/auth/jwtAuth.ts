import type { Principal } from '@opwire/protocol';
import { OpwireError } from '@opwire/protocol';
import jwt from 'jsonwebtoken';
import type { Authenticate } from './types.js';
import { verificationKey } from './verificationKey.js';

/** Algorithms `jwtAuth` accepts. `none` is never among them. */
export type JwtAlgorithm =
  | 'HS256'
  | 'HS384'
  | 'HS512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'PS256'
  | 'PS384'
  | 'PS512';

/** The verified payload of a token. */
export type JwtClaims = Readonly<Record<string, unknown>>;

/** How `jwtAuth()` verifies tokens and turns their claims into a principal. */
export interface JwtAuthOptions {
  /** Shared secret for HS* algorithms. Give this or `publicKey`. */
  secret?: string | Buffer;
  /** Public key (PEM) for RS*, ES* and PS* algorithms. Give this or `secret`. */
  publicKey?: string | Buffer;
  /**
   * Algorithms a token may be signed with. Required: the algorithm is never
   * taken from the token itself.
   */
  algorithms: readonly JwtAlgorithm[];
  /** Expected `iss`. */
  issuer?: string | readonly string[];
  /** Expected `aud`. */
  audience?: string | readonly string[];
  /**
   * Seconds of clock difference tolerated for `exp` and `nbf`.
   * @default 0
   */
  clockToleranceSec?: number;
  /** Maps the verified payload to a principal; return `null` to refuse the token. */
  claims: (payload: JwtClaims) => Principal | null;
}

const ALLOWED: ReadonlySet<string> = new Set<JwtAlgorithm>([
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
]);

/**
 * Authenticates sockets and HTTP calls with a JSON Web Token, verified with
 * `jsonwebtoken`. The token's `exp` becomes the connection's expiry: at that
 * moment the socket is told and dropped unless the client re-authenticated.
 *
 * @example
 * jwtAuth({
 *   secret: process.env.JWT_SECRET,
 *   algorithms: ['HS256'],
 *   claims: (p) => ({ userId: String(p.sub), tenantId: String(p.tid), roles: [] }),
 * })
 */
export function jwtAuth(options: JwtAuthOptions): Authenticate {
  const material = options.secret ?? options.publicKey;
  if (material === undefined || material.length === 0) {
    throw new OpwireError(
      'invalid_option',
      'jwtAuth needs a `secret` (HS*) or a `publicKey` (RS*/ES*/PS*).',
    );
  }
  if (options.algorithms.length === 0) {
    throw new OpwireError(
      'invalid_option',
      'jwtAuth needs at least one algorithm, e.g. algorithms: ["HS256"].',
    );
  }
  for (const algorithm of options.algorithms) {
    if (!ALLOWED.has(algorithm)) {
      throw new OpwireError(
        'invalid_option',
        `jwtAuth does not accept the algorithm "${algorithm}".`,
      );
    }
  }
  const key = verificationKey(material);
  const verifyOptions: jwt.VerifyOptions = {
    algorithms: [...options.algorithms],
    clockTolerance: options.clockToleranceSec ?? 0,
  };
  if (options.issuer !== undefined) {
    verifyOptions.issuer =
      typeof options.issuer === 'string' ? options.issuer : nonEmpty(options.issuer, 'issuer');
  }
  if (options.audience !== undefined) {
    verifyOptions.audience =
      typeof options.audience === 'string'
        ? options.audience
        : nonEmpty(options.audience, 'audience');
  }

  return ({ token }) => {
    if (token === undefined) return null;
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, key, verifyOptions);
    } catch {
      return null;
    }
    if (typeof payload !== 'object' || payload === null) return null;
    const principal = options.claims(payload);
    if (principal === null) return null;
    const expiresAt = typeof payload.exp === 'number' ? payload.exp * 1000 : null;
    return { principal, expiresAt };
  };
}

function nonEmpty(values: readonly string[], what: string): [string, ...string[]] {
  const [first, ...rest] = values;
  if (first === undefined)
    throw new OpwireError('invalid_option', `jwtAuth: \`${what}\` is an empty list.`);
  return [first, ...rest];
}
