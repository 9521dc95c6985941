import type { Envelope, OperationEvent } from '@opwire/protocol';

/**
 * Puts envelopes on the wire. The web server delivers through its Socket.IO
 * server (and so through whatever adapter it has); a worker process delivers
 * through the Redis emitter.
 */
export interface Delivery {
  /** Sends `envelope` to every socket in any of `rooms`, or to every socket with `'all'`. */
  send(rooms: readonly string[] | 'all', envelope: Envelope): void;
  /**
   * Sends events of one operation, in `seq` order, as compact frames in one packet on
   * `opwire:op` (protocol version 2), to every socket in any of `rooms`.
   */
  sendOperation(rooms: readonly string[], events: readonly OperationEvent[]): void;
  /**
   * Makes every socket, on every node, leave `room`, before anything sent
   * after this call reaches it.
   */
  clearRoom(room: string): void;
}
