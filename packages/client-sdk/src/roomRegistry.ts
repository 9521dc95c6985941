import { OpwireError, roomProblem } from '@opwire/protocol';
import { isConnectionLoss } from './connectionLoss.js';
import { retryRateLimited } from './retryRateLimited.js';

/** How the room registry reaches the server. Internal. */
export interface RoomTransport {
  join(room: string): Promise<unknown>;
  leave(room: string): Promise<unknown>;
  isConnected(): boolean;
}

export interface RoomRegistry {
  join(room: string): Promise<void>;
  leave(room: string): Promise<void>;
  /** Joins every room again after a reconnect; a refused one is dropped and reported. */
  rejoinAll(): Promise<void>;
  joined(): string[];
  /**
   * Forgets joined rooms the server no longer has the socket in (after a
   * re-authentication) and returns them.
   */
  retainOnly(serverRooms: readonly string[]): string[];
}

/**
 * The custom rooms the application joined. They are joined again after every
 * reconnect; a room the server now refuses (its policy changed, the token
 * lost a role) is reported once and forgotten, never retried in a loop.
 */
export function createRoomRegistry(
  transport: RoomTransport,
  onError: (error: unknown) => void,
): RoomRegistry {
  const joined = new Set<string>();
  const joining = new Map<string, Promise<void>>();

  function check(room: string): void {
    const problem = roomProblem(room);
    if (problem !== null) throw new OpwireError('invalid_request', `Invalid room: ${problem}`);
  }

  return {
    async join(room) {
      check(room);
      const inFlight = joining.get(room);
      if (inFlight !== undefined) return inFlight;
      if (joined.has(room) && transport.isConnected()) return;
      const attempt = transport.join(room).then(
        () => {
          joined.add(room);
        },
        (error: unknown) => {
          // A dropped connection decides nothing: a room already joined is still re-joined.
          if (!isConnectionLoss(error)) joined.delete(room);
          throw error;
        },
      );
      const tracked = attempt.finally(() => joining.delete(room));
      joining.set(room, tracked);
      return tracked;
    },
    async leave(room) {
      check(room);
      joined.delete(room);
      // Without a connection the server holds no membership; not re-joining is all it takes.
      if (!transport.isConnected()) return;
      await transport.leave(room);
    },
    async rejoinAll() {
      await Promise.all(
        [...joined].map(async (room) => {
          try {
            await retryRateLimited(() => transport.join(room));
          } catch (error) {
            if (isConnectionLoss(error)) return;
            joined.delete(room);
            onError(
              new OpwireError(
                error instanceof OpwireError ? error.code : 'internal',
                `Room "${room}" could not be joined again after reconnecting and was dropped: ${error instanceof Error ? error.message : String(error)}`,
                { cause: error, details: { room } },
              ),
            );
          }
        }),
      );
    },
    joined: () => [...joined],
    retainOnly(serverRooms) {
      const kept = new Set(serverRooms);
      const dropped = [...joined].filter((room) => !kept.has(room));
      for (const room of dropped) joined.delete(room);
      return dropped;
    },
  };
}
