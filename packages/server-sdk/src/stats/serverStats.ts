import type { OperationStatus } from '@opwire/protocol';

/** Counters an operator reads through `opwire.stats()` and `GET {base}/metrics`. */
export interface OpwireStats {
  /** Sockets open on this node. */
  connections: {
    /** Sockets connected with valid credentials. */
    authenticated: number;
    /** Sockets accepted without credentials (`allowAnonymous`). */
    anonymous: number;
  };
  /** Rooms on this node with their local member counts (operation and user rooms included). */
  rooms: Record<string, number>;
  /** Operations started on this node, by current status. */
  operations: Record<OperationStatus, number>;
  /** Envelopes and operation events handed to delivery (one emit to several rooms counts once). */
  messagesSent: number;
  /** Room joins refused. */
  joinsDenied: number;
  /** Handshakes refused. */
  connectionsRefused: number;
  /** Requests received from sockets. */
  requests: number;
  /** Requests answered with an error. */
  requestsRejected: number;
  /** Operations resumed by reconnecting clients, by how. */
  resumes: {
    /** Resumed by replaying the missed events. */
    replayed: number;
    /** Resumed with a snapshot, because the history could not be replayed. */
    snapshotted: number;
  };
}

/** Mutable counters behind {@link OpwireStats}. */
export class ServerStats {
  authenticated = 0;
  anonymous = 0;
  messagesSent = 0;
  joinsDenied = 0;
  connectionsRefused = 0;
  requests = 0;
  requestsRejected = 0;
  replayed = 0;
  snapshotted = 0;
  readonly operations: Record<OperationStatus, number> = {
    queued: 0,
    running: 0,
    succeeded: 0,
    failed: 0,
    cancelled: 0,
  };

  /** `count` messages went out (an operation's events sent together count one each). */
  messageSent(count = 1): void {
    this.messagesSent += count;
  }

  /** An operation this node runs is stored, `queued` or `running`. */
  operationStarted(status: OperationStatus): void {
    this.operations[status] += 1;
  }

  /** An operation this node runs moved on: began to run, went back to the queue, or ended. */
  operationMoved(from: OperationStatus, to: OperationStatus): void {
    if (from === to) return;
    this.operationLeft(from);
    this.operations[to] += 1;
  }

  /** This node no longer runs an operation that had not ended (another process took it over). */
  operationLeft(status: OperationStatus): void {
    if (status === 'queued' || status === 'running') {
      this.operations[status] = Math.max(0, this.operations[status] - 1);
    }
  }

  snapshot(rooms: Record<string, number>): OpwireStats {
    return {
      connections: { authenticated: this.authenticated, anonymous: this.anonymous },
      rooms,
      operations: { ...this.operations },
      messagesSent: this.messagesSent,
      joinsDenied: this.joinsDenied,
      connectionsRefused: this.connectionsRefused,
      requests: this.requests,
      requestsRejected: this.requestsRejected,
      resumes: { replayed: this.replayed, snapshotted: this.snapshotted },
    };
  }
}
