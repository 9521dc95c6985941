import { type Envelope, PROTOCOL_VERSION } from '@opwire/protocol';

export function envelope<TPayload>(
  topic: string,
  payload: TPayload,
  ts = Date.now(),
): Envelope<TPayload> {
  return { v: PROTOCOL_VERSION, topic, payload, ts };
}
