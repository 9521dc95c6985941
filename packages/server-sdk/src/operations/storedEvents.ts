import {
  type OperationEvent,
  type OperationSnapshot,
  operationRoom,
  publicEvent,
} from '@opwire/protocol';
import type { OperationRuntime } from './operationRuntime.js';

/**
 * Sends a stored event, in its public form (no audience room names), to
 * everyone who may see the operation: its audience and its `operation:{id}`
 * room. Clients derive an ended operation's toast and table refresh from the
 * terminal event itself. `newRun` first empties that room (on every node), so
 * sockets that joined it for an earlier run under the same id do not receive
 * the new run's events.
 */
export function sendStored(
  runtime: OperationRuntime,
  event: OperationEvent,
  snapshot: OperationSnapshot,
  newRun = false,
): void {
  if (newRun) runtime.delivery.clearRoom(operationRoom(snapshot.id));
  runtime.delivery.sendOperation(deliveryRooms(snapshot), publicEvent(event));
  runtime.stats.messageSent();
}

/** The rooms an operation's events go to: its audience and its `operation:{id}` room. */
export function deliveryRooms(snapshot: OperationSnapshot): string[] {
  return [...snapshot.audience, operationRoom(snapshot.id)];
}
