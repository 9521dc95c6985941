import type { ToastPayload } from '@opwire/protocol';
import { describe, expect, it } from 'vitest';
import { createEndToastGate } from '../endToastGate.js';

const toast = (type: ToastPayload['type'], operationId?: string): ToastPayload => ({
  title: 'Import',
  type,
  ...(operationId === undefined ? {} : { operationId, id: `operation:${operationId}` }),
});

describe('the end toast gate', () => {
  it('lets one end toast of an operation through, whoever made it', () => {
    const gate = createEndToastGate();
    expect(gate.admit(toast('loading', 'a'))).toBe(true);
    expect(gate.admit(toast('success', 'a'))).toBe(true);
    expect(gate.admit(toast('success', 'a'))).toBe(false);
    expect(gate.admit(toast('error', 'a'))).toBe(false);
    expect(gate.admit(toast('warning', 'b'))).toBe(true);
  });

  it('opens again for a new run under the same id, and never stops plain toasts', () => {
    const gate = createEndToastGate();
    expect(gate.admit(toast('success', 'a'))).toBe(true);
    expect(gate.admit(toast('loading', 'a'))).toBe(true);
    expect(gate.admit(toast('error', 'a'))).toBe(true);
    for (let i = 0; i < 3; i += 1) expect(gate.admit(toast('success'))).toBe(true);
  });
});
