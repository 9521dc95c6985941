/**
 * Where the client's connection stands:
 * - `connecting`: the first attempt after `connect()` is under way.
 * - `connected`: authenticated, and the server's hello arrived (principal and epoch known).
 * - `reconnecting`: the connection was lost or an attempt failed; Socket.IO retries with backoff.
 * - `disconnected`: closed by `close()`, by the server, or after the last allowed attempt.
 * - `unauthorized`: the server refused the credentials; nothing is retried until `connect()`.
 */
export type ConnectionStatus =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'disconnected'
  | 'unauthorized';

/** What happened to the connection, as fed to {@link nextStatus}. */
export type ConnectionEvent =
  | { type: 'connect' }
  | { type: 'connected' }
  | { type: 'lost'; willReconnect: boolean }
  | { type: 'attemptFailed'; willReconnect: boolean }
  | { type: 'refused'; code: 'unauthorized' | 'unsupported_version' }
  | { type: 'close' };

/**
 * The status machine: the status that follows `current` after `event`.
 * Pure, so every transition is tested without a socket.
 */
export function nextStatus(current: ConnectionStatus, event: ConnectionEvent): ConnectionStatus {
  switch (event.type) {
    case 'connect':
      return current === 'connected' || current === 'reconnecting' ? current : 'connecting';
    case 'connected':
      return 'connected';
    case 'lost':
    case 'attemptFailed':
      // A refusal or a close already decided the outcome; a late transport event must not undo it.
      if (current === 'unauthorized' || current === 'disconnected') return current;
      return event.willReconnect ? 'reconnecting' : 'disconnected';
    case 'refused':
      return event.code === 'unauthorized' ? 'unauthorized' : 'disconnected';
    case 'close':
      return 'disconnected';
  }
}
