import type { Socket } from 'socket.io';

/*
 * Socket.IO exposes no public figure for how much is waiting to be sent to a
 * client, so this file reads two internals, and only here:
 *
 * - Engine.IO's `conn.writeBuffer`: packets the engine holds while its
 *   transport is busy (a WebSocket still writing, a long-poll with no request
 *   open). Each packet's `data` is a string or binary.
 * - On WebSocket, the `ws` socket behind the transport (`conn.transport.socket`)
 *   and its public `bufferedAmount`: bytes handed to the network that the
 *   client has not taken yet.
 *
 * Both have this shape throughout Engine.IO 6 and ws 8. Anything missing reads
 * as 0, so a change upstream makes the limit lenient, never wrong the other way.
 */

interface EnginePacket {
  data?: unknown;
}
interface EngineConnection {
  writeBuffer?: unknown;
  transport?: { socket?: unknown };
  close(discard?: boolean): void;
}
interface WsSocket {
  bufferedAmount?: unknown;
  terminate?: () => void;
}

/** Bytes queued for the socket's client and not yet read by it (strings counted in UTF-16 units). */
export function queuedBytes(socket: Socket): number {
  const conn = socket.conn as unknown as EngineConnection;
  let bytes = 0;
  if (Array.isArray(conn.writeBuffer)) {
    for (const packet of conn.writeBuffer as EnginePacket[]) bytes += sizeOf(packet?.data);
  }
  const buffered = webSocketOf(conn)?.bufferedAmount;
  if (typeof buffered === 'number') bytes += buffered;
  return bytes;
}

/**
 * Closes the connection at once and lets go of everything queued for it; a
 * normal close would wait for the client to read the queue first.
 */
export function dropConnection(socket: Socket): void {
  const conn = socket.conn as unknown as EngineConnection;
  const ws = webSocketOf(conn);
  conn.close(true);
  ws?.terminate?.();
}

function webSocketOf(conn: EngineConnection): WsSocket | undefined {
  const inner = conn.transport?.socket;
  return typeof inner === 'object' && inner !== null && 'bufferedAmount' in inner
    ? (inner as WsSocket)
    : undefined;
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}
