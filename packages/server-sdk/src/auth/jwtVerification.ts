import type { Principal } from '@opwire/protocol';
import { OpwireError } from '@opwire/protocol';
import jwt from 'jsonwebtoken';
import type { AuthResult } from './types.js';

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

/** What `jwtAuth` and `jwksAuth` check in every token, and how claims become a principal. */
export interface JwtCheckOptions<TAlgorithm extends string> {
  /**
   * Algorithms a token may be signed with. Required: the algorithm is never
   * taken from the token itself.
   */
  algorithms: readonly TAlgorithm[];
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

/**
 * Checks the options shared by `jwtAuth` and `jwksAuth` once, at start-up,
 * and returns what `jsonwebtoken` verifies each token with.
 */
export function verifyOptionsOf<TAlgorithm extends string>(
  options: JwtCheckOptions<TAlgorithm>,
  allowed: ReadonlySet<string>,
  who: string,
): jwt.VerifyOptions {
  if (!Array.isArray(options.algorithms) || options.algorithms.length === 0) {
    throw new OpwireError(
      'invalid_option',
      `${who} needs at least one algorithm, e.g. algorithms: ["${[...allowed][0]}"].`,
    );
  }
  for (const algorithm of options.algorithms) {
    if (!allowed.has(algorithm)) {
      throw new OpwireError(
        'invalid_option',
        `${who} does not accept the algorithm "${algorithm}"; use one of ${[...allowed].join(', ')}.`,
      );
    }
  }
  if (typeof options.claims !== 'function') {
    throw new OpwireError(
      'invalid_option',
      `${who} needs \`claims\`, a function from the token's payload to { userId, tenantId?, roles }.`,
    );
  }
  const verifyOptions: jwt.VerifyOptions = {
    algorithms: [...options.algorithms] as jwt.Algorithm[],
    clockTolerance: options.clockToleranceSec ?? 0,
  };
  if (options.issuer !== undefined) {
    verifyOptions.issuer =
      typeof options.issuer === 'string' ? options.issuer : nonEmpty(options.issuer, 'issuer', who);
  }
  if (options.audience !== undefined) {
    verifyOptions.audience =
      typeof options.audience === 'string'
        ? options.audience
        : nonEmpty(options.audience, 'audience', who);
  }
  return verifyOptions;
}

/**
 * Verifies a token with a key and maps its claims, or gives `null` for a
 * token that is refused (bad signature, expired, wrong issuer or audience,
 * claims the mapping turns down). The token's `exp` becomes the expiry.
 */
export function verifiedResult(
  token: string,
  key: jwt.Secret | jwt.PublicKey,
  verifyOptions: jwt.VerifyOptions,
  claims: (payload: JwtClaims) => Principal | null,
): AuthResult | null {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, key, verifyOptions);
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const principal = claims(payload);
  if (principal === null) return null;
  const expiresAt = typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  return { principal, expiresAt };
}

function nonEmpty(values: readonly string[], what: string, who: string): [string, ...string[]] {
  const [first, ...rest] = values;
  if (first === undefined)
    throw new OpwireError('invalid_option', `${who}: \`${what}\` is an empty list.`);
  return [first, ...rest];
}
