import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { jwtAuth } from '../auth/jwtAuth.js';
import type { Credentials } from '../auth/types.js';

const claims = (payload: Readonly<Record<string, unknown>>) => ({
  userId: String(payload.sub),
  roles: [],
});
const socket = (token: string): Credentials => ({ token, headers: {}, transport: 'socket' });

describe('jwtAuth keys', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

  it('verifies RS256 tokens with a PEM public key, as a string or a Buffer', async () => {
    const token = jwt.sign({ sub: 'alice', exp: 4_000_000_000 }, privateKey, {
      algorithm: 'RS256',
    });
    for (const key of [publicPem, Buffer.from(publicPem)]) {
      const auth = jwtAuth({ publicKey: key, algorithms: ['RS256'], claims });
      expect(await auth(socket(token))).toEqual({
        principal: { userId: 'alice', roles: [] },
        expiresAt: 4_000_000_000_000,
      });
    }
  });

  it('refuses an HS256 token signed with the public key as its secret', async () => {
    const forged = jwt.sign({ sub: 'mallory' }, publicPem, { algorithm: 'HS256' });
    const pinned = jwtAuth({ publicKey: publicPem, algorithms: ['RS256'], claims });
    expect(await pinned(socket(forged))).toBeNull();
    const both = jwtAuth({ publicKey: publicPem, algorithms: ['RS256', 'HS256'], claims });
    expect(await both(socket(forged))).toBeNull();
  });

  it('verifies HS256 tokens with a Buffer secret, and refuses other secrets', async () => {
    const auth = jwtAuth({ secret: Buffer.from('s3cret'), algorithms: ['HS256'], claims });
    expect(await auth(socket(jwt.sign({ sub: 'bob' }, 's3cret')))).toMatchObject({
      principal: { userId: 'bob' },
      expiresAt: null,
    });
    expect(await auth(socket(jwt.sign({ sub: 'bob' }, 'other')))).toBeNull();
  });
});
