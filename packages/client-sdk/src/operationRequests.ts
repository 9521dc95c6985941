import { type OperationSnapshot, SOCKET_EVENTS } from '@opwire/protocol';
import type { Connection } from './connection.js';

/** Which operations a list asks for: the running ones, or every one the store still holds. */
export type OperationListStatus = 'active' | 'all';

/**
 * The requests about operations the client makes, whichever transport carries them: the
 * socket while it is connected, the HTTP API while the polling fallback stands in for it.
 */
export interface OperationRequests {
  getOperation(id: string): Promise<{ epoch: string; snapshot: OperationSnapshot }>;
  /** The operations the caller may see, newest first (at most 100): only running ones, or all. */
  listOperations(
    status: OperationListStatus,
  ): Promise<{ epoch: string; operations: OperationSnapshot[] }>;
  cancelOperation(id: string, reason?: string): Promise<void>;
}

/** The operation requests over the client's socket. */
export function socketRequests(connection: Pick<Connection, 'request'>): OperationRequests {
  return {
    async getOperation(id) {
      const ack = await connection.request(SOCKET_EVENTS.getOperation, { id });
      return { epoch: ack.epoch, snapshot: ack.snapshot as OperationSnapshot };
    },
    async listOperations(status) {
      const ack = await connection.request(SOCKET_EVENTS.listOperations, { status });
      return { epoch: ack.epoch, operations: ack.operations };
    },
    async cancelOperation(id, reason) {
      await connection.request(
        SOCKET_EVENTS.cancelOperation,
        reason === undefined ? { id } : { id, reason },
      );
    },
  };
}
