import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/** An RSA key pair as an identity provider holds it: the private half signs, the public half is published. */
export interface SigningKeyPair {
  kid: string;
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
  /** The public key as PEM, which an attacker can read too. */
  publicPem: string;
}

export function signingKeyPair(kid: string): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { kid, privateKey, publicJwk, publicPem };
}

/** Signs an RS256 token whose header names the key's `kid`. */
export function signWith(
  key: SigningKeyPair,
  claims: Record<string, unknown>,
  options: { expiresInSec?: number; issuer?: string; audience?: string } = {},
): string {
  return jwt.sign(claims, key.privateKey, {
    algorithm: 'RS256',
    keyid: key.kid,
    expiresIn: options.expiresInSec ?? 300,
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
  });
}

/** A real HTTP server publishing a key set that a test rotates, breaks and mends. */
export interface JwksServer {
  /** The key set's URL. */
  uri: string;
  /** Requests for the key set so far. */
  readonly fetches: number;
  /** Publishes exactly these keys from now on. */
  publish(keys: readonly SigningKeyPair[]): void;
  /**
   * Answers every request with this status instead of the key set, or never
   * answers (`'hang'`); `null` serves the set again.
   */
  failWith(failure: number | 'hang' | null): void;
  close(): Promise<void>;
}

export async function startJwksServer(keys: readonly SigningKeyPair[]): Promise<JwksServer> {
  let published = [...keys];
  let failure: number | 'hang' | null = null;
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    fetches += 1;
    if (failure === 'hang') return;
    if (failure !== null) {
      res.writeHead(failure, { 'content-type': 'text/plain' }).end('key set unavailable');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ keys: published.map((key) => key.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    get fetches() {
      return fetches;
    },
    publish(next) {
      published = [...next];
    },
    failWith(next) {
      failure = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
