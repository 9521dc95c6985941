import { createPublicKey, type KeyObject } from 'node:crypto';
import { OpwireError } from '@opwire/protocol';
import jwt from 'jsonwebtoken';
import type JwksRsaPackage from 'jwks-rsa';
import { requireOptionalPeer } from '../optionalPeer.js';
import { type JwtCheckOptions, verifiedResult, verifyOptionsOf } from './jwtVerification.js';
import type { Authenticate } from './types.js';

/** Algorithms `jwksAuth` accepts: those of public keys, as a key set publishes them. */
export type JwksAlgorithm =
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'PS256'
  | 'PS384'
  | 'PS512';

/** Where `jwksAuth()` fetches its keys and what it checks in each token. */
export interface JwksAuthOptions extends JwtCheckOptions<JwksAlgorithm> {
  /**
   * URL of the identity provider's JSON Web Key Set, such as
   * `https://example.eu.auth0.com/.well-known/jwks.json` (the `jwks_uri` of
   * its OpenID configuration).
   */
  jwksUri: string;
  /**
   * How long a fetched key is used before the key set is asked again, in ms.
   * @default 600000 (10 minutes)
   */
  cacheMaxAgeMs?: number;
  /**
   * Fetches of the key set per minute at most. A token whose `kid` is not
   * cached triggers one (that is how a rotated-in key is found); past this
   * rate such tokens get `unavailable` until the minute is over.
   * @default 10
   */
  fetchesPerMinute?: number;
  /**
   * How long one fetch of the key set may take, in ms.
   * @default 5000
   */
  timeoutMs?: number;
}

const ALLOWED: ReadonlySet<string> = new Set<JwksAlgorithm>([
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

type SigningKey = JwksRsaPackage.SigningKey;

/**
 * Authenticates with JSON Web Tokens signed by keys an identity provider
 * publishes as a JWKS (Auth0, Clerk, Cognito, Keycloak, any OpenID provider).
 * Keys are fetched with `jwks-rsa` (an optional peer dependency: `npm install
 * jwks-rsa`) and cached by `kid`; a token with an unknown `kid` makes one
 * rate-limited fetch, so rotated keys are picked up without a restart.
 * Tokens are verified with `jsonwebtoken`, with the same checks as `jwtAuth`.
 *
 * A key set that cannot be fetched is an outage, not a bad token: the caller
 * gets `unavailable` (the client keeps retrying), never `unauthorized`.
 *
 * @example
 * jwksAuth({
 *   jwksUri: 'https://example.eu.auth0.com/.well-known/jwks.json',
 *   issuer: 'https://example.eu.auth0.com/',
 *   audience: 'https://api.example.com',
 *   algorithms: ['RS256'],
 *   claims: (p) => ({ userId: String(p.sub), roles: [] }),
 * })
 */
export function jwksAuth(options: JwksAuthOptions): Authenticate {
  const jwksRsa = requireOptionalPeer<typeof JwksRsaPackage>('jwks-rsa', 'jwksAuth()');
  const jwksUri = checkedUri(options.jwksUri);
  const verifyOptions = verifyOptionsOf(options, ALLOWED, 'jwksAuth');
  const algorithms: ReadonlySet<string> = new Set(options.algorithms);
  const client = new jwksRsa.JwksClient({
    jwksUri,
    cache: true,
    cacheMaxAge: positive(options.cacheMaxAgeMs, 600_000, 'cacheMaxAgeMs'),
    rateLimit: true,
    jwksRequestsPerMinute: positive(options.fetchesPerMinute, 10, 'fetchesPerMinute'),
    timeout: positive(options.timeoutMs, 5_000, 'timeoutMs'),
  });
  // A cached key is the same object until it expires: its PEM is parsed once.
  const keyObjects = new WeakMap<SigningKey, KeyObject>();

  return async ({ token }) => {
    if (token === undefined) return null;
    const header = headerOf(token);
    if (header === null || !algorithms.has(header.alg)) return null;
    let signingKey: SigningKey;
    try {
      signingKey = await client.getSigningKey(header.kid);
    } catch (error) {
      // The key set was read and has no such key: the token is bad, not the provider.
      if (error instanceof jwksRsa.SigningKeyNotFoundError) return null;
      throw new OpwireError(
        'unavailable',
        `jwksAuth could not get signing keys from ${jwksUri}: ${messageOf(error)}.`,
        { cause: error },
      );
    }
    let key = keyObjects.get(signingKey);
    if (key === undefined) {
      key = createPublicKey(signingKey.getPublicKey());
      keyObjects.set(signingKey, key);
    }
    return verifiedResult(token, key, verifyOptions, options.claims);
  };
}

/** The token's header, or `null` when it is not a JWT. */
function headerOf(token: string): { alg: string; kid: string | undefined } | null {
  let decoded: jwt.Jwt | null;
  try {
    decoded = jwt.decode(token, { complete: true });
  } catch {
    return null;
  }
  if (decoded === null || typeof decoded.header.alg !== 'string') return null;
  const { kid } = decoded.header;
  return { alg: decoded.header.alg, kid: typeof kid === 'string' ? kid : undefined };
}

function checkedUri(uri: unknown): string {
  if (typeof uri === 'string') {
    try {
      const { protocol } = new URL(uri);
      if (protocol === 'https:' || protocol === 'http:') return uri;
    } catch {
      // Reported below.
    }
  }
  throw new OpwireError(
    'invalid_option',
    'jwksAuth needs `jwksUri`, the http(s) URL of the key set, e.g. "https://example.eu.auth0.com/.well-known/jwks.json".',
  );
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (Number.isFinite(value) && value > 0) return value;
  throw new OpwireError('invalid_option', `jwksAuth: \`${name}\` must be a positive number.`);
}

function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { message } = error as { message: unknown };
    if (typeof message === 'string' && message.length > 0) return message;
  }
  return String(error);
}
