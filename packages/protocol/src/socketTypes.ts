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
import type { OperationFrame } from './operationFrame.js';

type AckCallback<TAck> = (ack: TAck) => void;

/**
 * Events the server emits, for typing a Socket.IO server or client:
 * `new Server<ClientToServerEvents, ServerToClientEvents>()`.
 */
export interface ServerToClientEvents {
  /** Every operation event, application event, toast and table refresh. */
  'opwire:message': (envelope: Envelope) => void;
  /** Events of one operation, in `seq` order, each encoded by `encodeOperationEvent`. */
  'opwire:op': (...frames: OperationFrame[]) => void;
  /** Sent once after the socket is accepted. */
  'opwire:hello': (hello: Hello) => void;
  /**
   * The socket's credentials expired at `expiredAt` (ms since the Unix epoch); the server
   * disconnects right after.
   */
  'opwire:auth-expired': (info: {
    /** When the credentials expired, milliseconds since the Unix epoch. */
    expiredAt: number;
  }) => void;
  /**
   * Deliveries may have been missed without the socket noticing; resume every followed operation.
   */
  'opwire:resync': (info: {
    /** The store's current epoch. */
    epoch: string;
  }) => void;
}

/**
 * Requests a client sends. The request is `unknown` on purpose: the server
 * validates every one with the schemas in `requests.ts` before trusting it.
 */
export interface ClientToServerEvents {
  /** Join a room: a {@link JoinRequest}, answered with a {@link JoinAck}. */
  'opwire:join': (request: unknown, ack: AckCallback<JoinAck>) => void;
  /** Leave a room: a {@link LeaveRequest}, answered with a {@link LeaveAck}. */
  'opwire:leave': (request: unknown, ack: AckCallback<LeaveAck>) => void;
  /** Catch up on operations: a {@link ResumeRequest}, answered with a {@link ResumeAck}. */
  'opwire:resume': (request: unknown, ack: AckCallback<ResumeAck>) => void;
  /** Read one operation: a {@link GetOperationRequest}, answered with a {@link GetOperationAck}. */
  'opwire:operation.get': (request: unknown, ack: AckCallback<GetOperationAck>) => void;
  /**
   * List visible operations: a {@link ListOperationsRequest}, answered with a
   * {@link ListOperationsAck}.
   */
  'opwire:operation.list': (request: unknown, ack: AckCallback<ListOperationsAck>) => void;
  /**
   * Ask an operation to stop: a {@link CancelOperationRequest}, answered with a
   * {@link CancelOperationAck}.
   */
  'opwire:operation.cancel': (request: unknown, ack: AckCallback<CancelOperationAck>) => void;
  /**
   * Swap credentials: a {@link ReauthenticateRequest}, answered with a {@link ReauthenticateAck}.
   */
  'opwire:auth': (request: unknown, ack: AckCallback<ReauthenticateAck>) => void;
}
