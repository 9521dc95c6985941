import type { ToastPayload } from '@opwire/protocol';

/** How many ended operations are remembered to drop a second end toast. */
const REMEMBERED_OPERATIONS = 1024;

const END_TYPES: ReadonlySet<ToastPayload['type']> = new Set(['success', 'error', 'warning']);

/** Lets each operation's end toast through once. Internal. */
export interface EndToastGate {
  /** Whether `toast` may be shown; `false` for a second end toast of the same run. */
  admit(toast: ToastPayload): boolean;
}

/**
 * One end toast per operation run. The client makes an operation's end toast
 * from its terminal event; a server of protocol version 1 (a web node or a
 * worker not yet upgraded in a rolling deploy) also sends its own. Whichever
 * arrives first is shown and the other is dropped. A loading toast (a new run
 * under the same id) opens the gate again. Toasts without an `operationId`
 * (`opwire.toast()`) always pass.
 */
export function createEndToastGate(): EndToastGate {
  const ended = new Set<string>();
  return {
    admit(toast) {
      const { operationId } = toast;
      if (operationId === undefined) return true;
      if (!END_TYPES.has(toast.type)) {
        ended.delete(operationId);
        return true;
      }
      if (ended.has(operationId)) return false;
      ended.add(operationId);
      if (ended.size > REMEMBERED_OPERATIONS) {
        const oldest = ended.values().next().value;
        if (oldest !== undefined) ended.delete(oldest);
      }
      return true;
    },
  };
}
