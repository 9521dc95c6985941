import { OpwireError } from '@opwire/protocol';

/**
 * Whether a request failed only because the socket went away. Such failures
 * are not reported: the rejoin and resume after reconnecting recover them.
 */
export function isConnectionLoss(error: unknown): boolean {
  return (
    error instanceof OpwireError &&
    (error.code === 'disconnected' || error.code === 'timeout' || error.code === 'closed')
  );
}
