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
  sendStoredBatch(runtime, [event], [snapshot]);
}

/** Sends events of one operation stored together, as few packets as their rooms allow. */
export function sendStoredBatch(
  runtime: OperationRuntime,
  events: readonly OperationEvent[],
  snapshots: readonly OperationSnapshot[],
): void {
  for (const packet of storedPackets(events, snapshots)) {
    runtime.delivery.sendOperation(packet.rooms, packet.events);
  }
  runtime.stats.messageSent(events.length);
}

/** Public events of one operation that go to the same rooms, in `seq` order, sent as one packet. */
export interface StoredPacket {
  rooms: string[];
  events: OperationEvent[];
}

/**
 * Groups stored events (`snapshots[i]` is the state after `events[i]`) into packets:
 * consecutive events to the same rooms travel together, so a batch of progress costs each
 * node and each socket one message.
 */
export function storedPackets(
  events: readonly OperationEvent[],
  snapshots: readonly OperationSnapshot[],
): StoredPacket[] {
  const packets: StoredPacket[] = [];
  let last: StoredPacket | undefined;
  events.forEach((event, index) => {
    const rooms = deliveryRooms(snapshots[index] as OperationSnapshot);
    if (last !== undefined && sameRooms(last.rooms, rooms)) last.events.push(publicEvent(event));
    else {
      last = { rooms, events: [publicEvent(event)] };
      packets.push(last);
    }
  });
  return packets;
}

/** The rooms an operation's events go to: its audience and its `operation:{id}` room. */
export function deliveryRooms(snapshot: OperationSnapshot): string[] {
  return [...snapshot.audience, operationRoom(snapshot.id)];
}

function sameRooms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((room, index) => room === b[index]);
}
