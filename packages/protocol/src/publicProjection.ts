// What of an operation a client may see. The audience names the rooms the operation goes to,
// which can be other users' ids (`user:{id}`); a client needs none of them, so everything a
// server sends to clients (live events, replays, snapshots over the socket and HTTP) goes
// through these two functions first. Reducing public events gives the public snapshot, so a
// client and the server still agree on every field the client sees.
import type { OperationSnapshot } from './operation.js';
import type { OperationEvent } from './operationEvent.js';

/** `snapshot` as clients receive it: the same, with an empty `audience`. */
export function publicSnapshot(snapshot: OperationSnapshot): OperationSnapshot {
  return snapshot.audience.length === 0 ? snapshot : { ...snapshot, audience: [] };
}

/** `event` as clients receive it: an `operation.started` event has an empty `audience`. */
export function publicEvent(event: OperationEvent): OperationEvent {
  if (event.topic !== 'operation.started' || event.payload.audience.length === 0) return event;
  return { ...event, payload: { ...event.payload, audience: [] } };
}
