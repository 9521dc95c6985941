import type { Principal } from '@opwire/protocol';
import type { Socket } from 'socket.io';
import type { AuthResult } from '../auth/types.js';
import type { Caller } from '../requests/requestCore.js';
import type { ServerContext } from '../serverContext.js';
import type { Expiring } from './expirySchedule.js';
import type { TokenBucket } from './rateLimiter.js';

/**
 * What opwire keeps per socket. One plain object, so a connection costs no
 * closures: the shared request listeners find it through `sessionOf(socket)`.
 * It is the socket's caller in the request core: it holds the rooms it is in.
 */
export class SocketSession implements TokenBucket, Expiring, Caller {
  readonly socket: Socket;
  readonly context: ServerContext;
  /** How the connection was counted in the stats when it opened. */
  readonly authenticatedAtConnect: boolean;
  principal: Principal | null;
  expiresAt: number | null;
  /** Built-in rooms joined at connect (or after re-authentication). */
  principalRooms: string[];
  /** Rooms joined on request: custom and operation rooms. */
  readonly requestedRooms = new Set<string>();
  /** Joins asked for and not answered yet; they count toward the room limit. */
  joinsInFlight = 0;
  tokens: number;
  updatedAt: number;
  expiryDue: number | null = null;

  constructor(
    socket: Socket,
    context: ServerContext,
    auth: AuthResult | null,
    principalRooms: string[],
  ) {
    this.socket = socket;
    this.context = context;
    this.authenticatedAtConnect = auth !== null;
    this.principal = auth?.principal ?? null;
    this.expiresAt = auth?.expiresAt ?? null;
    this.principalRooms = principalRooms;
    this.tokens = context.limits.burst;
    this.updatedAt = context.runtime.timers.now();
  }

  /** Every room the socket is in: built-in, joined, and its own id's. */
  get rooms(): ReadonlySet<string> {
    return this.socket.rooms;
  }
}

// Not in `socket.data`: the Redis adapter sends that to other nodes on `fetchSockets()`.
const sessions = new WeakMap<Socket, SocketSession>();

export function attachSession(session: SocketSession): void {
  sessions.set(session.socket, session);
}

export function sessionOf(socket: Socket): SocketSession | undefined {
  return sessions.get(socket);
}
