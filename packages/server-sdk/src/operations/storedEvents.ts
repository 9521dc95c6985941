import {
  type OperationEvent,
  type OperationSnapshot,
  operationRoom,
  TABLE_REFRESH_TOPIC,
  type TableRefreshPayload,
  TOAST_TOPIC,
  type ToastPayload,
} from '@opwire/protocol';
import { envelope } from '../messaging/envelope.js';
import type { OperationOptions } from './operationOptions.js';
import type { OperationRuntime } from './operationRuntime.js';

/**
 * Sends a stored event to everyone who may see the operation: its audience
 * and its `operation:{id}` room. `newRun` first empties that room (on every
 * node), so sockets that joined it for an earlier run under the same id do
 * not receive the new run's events.
 */
export function sendStored(
  runtime: OperationRuntime,
  event: OperationEvent,
  snapshot: OperationSnapshot,
  newRun = false,
): void {
  const room = operationRoom(snapshot.id);
  if (newRun) runtime.delivery.clearRoom(room);
  runtime.delivery.sendOperation([...snapshot.audience, room], event);
  runtime.stats.messageSent();
}

/** The table refresh and toast an operation's end calls for, by its options. */
export function sendEndMessages(
  runtime: OperationRuntime,
  options: Pick<OperationOptions, 'tables' | 'toast'>,
  event: OperationEvent,
  snapshot: OperationSnapshot,
): void {
  const { delivery, stats } = runtime;
  const { tables, toast } = options;
  const audience = snapshot.audience;
  if (snapshot.status === 'succeeded' && tables && tables.length > 0) {
    const payload: TableRefreshPayload = {
      tables: [...tables],
      action: 'refresh',
      operationId: snapshot.id,
    };
    delivery.send(audience, envelope(TABLE_REFRESH_TOPIC, payload, event.ts));
    stats.messageSent();
  }
  const title =
    snapshot.status === 'succeeded'
      ? toast?.success
      : snapshot.status === 'failed'
        ? toast?.failure
        : undefined;
  if (title === undefined) return;
  const payload: ToastPayload = {
    id: `operation:${snapshot.id}`,
    title,
    type: snapshot.status === 'succeeded' ? 'success' : 'error',
    operationId: snapshot.id,
  };
  const message = snapshot.error?.message ?? snapshot.message;
  if (message) payload.message = message;
  delivery.send(audience, envelope(TOAST_TOPIC, payload, event.ts));
  stats.messageSent();
}
