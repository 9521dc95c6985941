import type { Envelope } from './envelope.js';
import type { OperationEvent } from './operationEvent.js';
import { PROTOCOL_VERSION } from './version.js';

/**
 * The envelope an operation event reaches subscribers as: the shape a server of protocol
 * version 1 sent it in, with its `operationId` and `seq`, whichever way it arrived.
 */
export function envelopeOfEvent(event: OperationEvent): Envelope {
  return {
    v: PROTOCOL_VERSION,
    topic: event.topic,
    payload: event.payload,
    ts: event.ts,
    operationId: event.operationId,
    seq: event.seq,
  };
}
