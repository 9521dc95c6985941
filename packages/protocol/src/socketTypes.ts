import type {
  CancelOperationAck,
  GetOperationAck,
  JoinAck,
  LeaveAck,
  ListOperationsAck,
  ReauthenticateAck,
  ResumeAck,
} from './acks.js';
import type { Envelope } from './envelope.js';
import type { Hello } from './hello.js';

type AckCallback<TAck> = (ack: TAck) => void;

/**
 * Events the server emits, for typing a Socket.IO server or client:
 * `new Server<ClientToServerEvents, ServerToClientEvents>()`.
 */
export interface ServerToClientEvents {
  'opwire:message': (envelope: Envelope) => void;
  'opwire:hello': (hello: Hello) => void;
  'opwire:auth-expired': (info: { expiredAt: number }) => void;
  'opwire:resync': (info: { epoch: string }) => void;
}

/**
 * Requests a client sends. The request is `unknown` on purpose: the server
 * validates every one with the schemas in `requests.ts` before trusting it.
 */
export interface ClientToServerEvents {
  'opwire:join': (request: unknown, ack: AckCallback<JoinAck>) => void;
  'opwire:leave': (request: unknown, ack: AckCallback<LeaveAck>) => void;
  'opwire:resume': (request: unknown, ack: AckCallback<ResumeAck>) => void;
  'opwire:operation.get': (request: unknown, ack: AckCallback<GetOperationAck>) => void;
  'opwire:operation.list': (request: unknown, ack: AckCallback<ListOperationsAck>) => void;
  'opwire:operation.cancel': (request: unknown, ack: AckCallback<CancelOperationAck>) => void;
  'opwire:auth': (request: unknown, ack: AckCallback<ReauthenticateAck>) => void;
}
