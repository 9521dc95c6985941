import { type Envelope, type OperationEvent, PROTOCOL_VERSION } from '@opwire/protocol';

export function envelope<TPayload>(
  topic: string,
  payload: TPayload,
  ts = Date.now(),
): Envelope<TPayload> {
  return { v: PROTOCOL_VERSION, topic, payload, ts };
}

export function operationEnvelope(event: OperationEvent): Envelope {
  return {
    v: PROTOCOL_VERSION,
    topic: event.topic,
    payload: event.payload,
    ts: event.ts,
    operationId: event.operationId,
    seq: event.seq,
  };
}
