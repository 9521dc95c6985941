import { OpwireError } from '@opwire/protocol';

/** What `opwire.events` gets when a room policy throws (the join is refused). */
export function policyError(error: unknown, room: string): OpwireError {
  const message = error instanceof Error ? error.message : String(error);
  return new OpwireError('internal', `The room policy for "${room}" threw: ${message}`, {
    cause: error,
  });
}
