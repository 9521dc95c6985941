import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { forgetAuthorization, handshakeToken, withoutAuthorization } from '../auth/credentials.js';

describe('handshakeToken', () => {
  it('takes auth.token first, then a Bearer header', () => {
    expect(handshakeToken({ token: 'abc' }, { authorization: 'Bearer xyz' })).toEqual({
      kind: 'token',
      token: 'abc',
    });
    expect(handshakeToken({}, { authorization: 'Bearer xyz' })).toEqual({
      kind: 'token',
      token: 'xyz',
    });
  });

  it.each([
    [{}, {}],
    [{ token: null }, {}],
    [{ token: undefined }, {}],
    [undefined, { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('reads %j with headers %j as no token', (auth, headers) => {
    expect(handshakeToken(auth, headers)).toEqual({ kind: 'none' });
  });

  it.each([
    [{ token: 42 }, {}],
    [{ token: '' }, {}],
    [{ token: { nested: 'x' } }, {}],
    [{ token: 'x'.repeat(8193) }, {}],
    [{}, { authorization: 'Bearer' }],
    [{}, { authorization: 'Bearer two tokens' }],
    [{}, { authorization: `Bearer ${'x'.repeat(8193)}` }],
  ])('reads %j with headers %j as a malformed token, not as none', (auth, headers) => {
    expect(handshakeToken(auth, headers)).toMatchObject({ kind: 'malformed' });
  });
});

describe('forgetAuthorization', () => {
  it('deletes the header from headers and rawHeaders, leaving the others', () => {
    const request = new IncomingMessage(new Socket());
    request.headers = { host: 'x', authorization: 'Bearer secret', cookie: 'sid=1' };
    request.rawHeaders = ['Host', 'x', 'Authorization', 'Bearer secret', 'Cookie', 'sid=1'];
    forgetAuthorization(request);
    expect(request.headers).toEqual({ host: 'x', cookie: 'sid=1' });
    expect(request.rawHeaders).toEqual(['Host', 'x', 'Cookie', 'sid=1']);
  });

  it('has a copying variant for headers shared with others', () => {
    const headers = { host: 'x', authorization: 'Bearer secret' };
    expect(withoutAuthorization(headers)).toEqual({ host: 'x' });
    expect(headers.authorization).toBe('Bearer secret');
  });
});
