import { describe, expect, it } from 'vitest';
import { createTableRefreshRouter } from '../tableRefreshRouter.js';

describe('table refresh router', () => {
  it('calls the handlers of each named table once per refresh', () => {
    const router = createTableRefreshRouter(() => {});
    const seen: string[] = [];
    router.on('users', (payload) => seen.push(`users:${payload.action ?? '-'}`));
    router.on('orders', () => seen.push('orders'));
    router.dispatch({ tables: ['users', 'users', 'products'], action: 'update', ids: [1] }, null);
    expect(seen).toEqual(['users:update']);
  });

  it('isolates a throwing handler and forgets tables nobody listens to', () => {
    const errors: unknown[] = [];
    const router = createTableRefreshRouter((error) => errors.push(error));
    let calls = 0;
    const off = router.on('users', () => {
      throw new Error('boom');
    });
    router.on('users', () => {
      calls += 1;
    });
    router.dispatch({ tables: ['users'] }, null);
    expect(calls).toBe(1);
    expect(errors).toHaveLength(1);
    off();
    expect(router.tables).toEqual(['users']);
  });
});
