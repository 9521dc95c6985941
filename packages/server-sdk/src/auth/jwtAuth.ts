import { OpwireError } from '@opwire/protocol';
import {
  type JwtAlgorithm,
  type JwtCheckOptions,
  verifiedResult,
  verifyOptionsOf,
} from './jwtVerification.js';
import type { Authenticate } from './types.js';
import { verificationKey } from './verificationKey.js';

export type { JwtAlgorithm, JwtClaims } from './jwtVerification.js';

/** How `jwtAuth()` verifies tokens and turns their claims into a principal. */
export interface JwtAuthOptions extends JwtCheckOptions<JwtAlgorithm> {
  /** Shared secret for HS* algorithms. Give this or `publicKey`. */
  secret?: string | Buffer;
  /** Public key (PEM) for RS*, ES* and PS* algorithms. Give this or `secret`. */
  publicKey?: string | Buffer;
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
  const verifyOptions = verifyOptionsOf(options, ALLOWED, 'jwtAuth');
  const key = verificationKey(material);

  return ({ token }) => {
    if (token === undefined) return null;
    return verifiedResult(token, key, verifyOptions, options.claims);
  };
}
