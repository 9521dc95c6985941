import { WIRE_ERROR_CODES } from '@opwire/protocol';
import fc from 'fast-check';

export const REQUEST_EVENTS = [
  'opwire:join',
  'opwire:leave',
  'opwire:resume',
  'opwire:operation.get',
  'opwire:operation.list',
  'opwire:operation.cancel',
  'opwire:auth',
];
export const wireCodes = new Set<string>(WIRE_ERROR_CODES);

/** Names socket.io-client refuses to emit; they go out as raw packets instead. */
export const CLIENT_RESERVED = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);
export const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'room',
  'id',
  'operations',
  'token',
);
export const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    'user:alice',
    'tenant:acme',
    'tenant:acme:role:admin',
    'platform',
    'operation:x',
    'chat:1',
    '../../etc',
    'a:b:c:d:e',
  ),
  fc.string({ minLength: 1_000, maxLength: 6_000 }),
  fc.stringMatching(/^[a-z]{1,8}(:[a-z0-9*]{0,8}){0,4}$/),
);
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 5 }),
  ),
})).value;
export const message = fc.record({
  event: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...REQUEST_EVENTS) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '__proto__',
        'constructor',
        'opwire:message',
        'opwire:hello',
        'disconnecting',
      ),
    },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
  ),
  body: fc.oneof(
    hostileValue,
    fc.record({ room: hostileString }),
    fc.record({ id: hostileString, reason: hostileString }),
    fc.record({
      operations: fc.array(
        fc.record({ id: hostileString, seq: fc.integer(), epoch: hostileString }),
        { maxLength: 600 },
      ),
    }),
    fc.record({ status: hostileString }),
    fc.record({ token: hostileString }),
  ),
  withAck: fc.boolean(),
});
