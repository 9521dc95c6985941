import { describe, expect, it } from 'vitest';
import { ackError, ackOk } from '../acks.js';
import { OpwireError } from '../opwireError.js';
import {
  joinRequestSchema,
  listOperationsRequestSchema,
  resumeRequestSchema,
} from '../requestSchemas.js';
import { MAX_RESUME_OPERATIONS } from '../requests.js';

describe('request schemas', () => {
  it('accepts well-formed requests and strips unknown keys', () => {
    const parsed = joinRequestSchema.parse({
      room: 'chat:42',
      __proto__: { admin: true },
      extra: 1,
    });
    expect(parsed).toEqual({ room: 'chat:42' });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(listOperationsRequestSchema.parse({})).toEqual({ status: 'active' });
  });

  it('refuses malformed rooms and ids with a readable message', () => {
    const result = joinRequestSchema.safeParse({ room: 'chat:4 2' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/Invalid room/);
    expect(joinRequestSchema.safeParse({ room: 42 }).success).toBe(false);
    expect(joinRequestSchema.safeParse(null).success).toBe(false);
  });

  it('bounds resume requests', () => {
    const one = { id: 'op1', seq: 3, epoch: 'e1' };
    expect(resumeRequestSchema.safeParse({ operations: [one] }).success).toBe(true);
    expect(resumeRequestSchema.safeParse({ operations: [{ ...one, seq: -1 }] }).success).toBe(
      false,
    );
    expect(resumeRequestSchema.safeParse({ operations: [{ ...one, seq: 1.5 }] }).success).toBe(
      false,
    );
    const tooMany = Array.from({ length: MAX_RESUME_OPERATIONS + 1 }, () => one);
    expect(resumeRequestSchema.safeParse({ operations: tooMany }).success).toBe(false);
  });
});

describe('acknowledgements and errors', () => {
  it('builds both ack shapes', () => {
    expect(ackOk({ room: 'x' })).toEqual({ ok: true, room: 'x' });
    expect(ackError('forbidden', 'no')).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'no' },
    });
  });

  it('wraps anything into an OpwireError', () => {
    const original = new OpwireError('forbidden', 'nope');
    expect(OpwireError.from(original)).toBe(original);
    const wrapped = OpwireError.from(new Error('boom'));
    expect(wrapped).toMatchObject({ code: 'internal', message: 'boom', name: 'OpwireError' });
    expect(wrapped.cause).toBeInstanceOf(Error);
    expect(OpwireError.from({ message: 'x', code: 'not_found' }).code).toBe('not_found');
    expect(OpwireError.from('text', 'timeout')).toMatchObject({ code: 'timeout', message: 'text' });
  });
});
