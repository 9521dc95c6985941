import type { OperationEvent, OperationSnapshot, ResumeResult } from '@opwire/protocol';

/** Where the store is in one operation's history: what `opwire:resume` sends. */
export interface ResumePosition {
  id: string;
  seq: number;
  epoch: string;
}

/** How the store reaches the server. Internal; the client wires it to the socket. */
export interface OperationSource {
  get(id: string): Promise<{ epoch: string; snapshot: OperationSnapshot }>;
  resume(positions: ResumePosition[]): Promise<{ epoch: string; results: ResumeResult[] }>;
}

/** A change of one operation's snapshot, for lifecycle toasts and table refreshes. */
export interface OperationChange {
  previous: OperationSnapshot | null;
  snapshot: OperationSnapshot;
  /**
   * The events to dispatch, in order: applied ones this client never
   * dispatched before. Empty when a server snapshot replaced the state.
   */
  events: readonly OperationEvent[];
  /**
   * Whether the change took the run past everything this client had seen of
   * it; `false` for state caught up on again (an entry made anew after its
   * release), which must not toast or refresh a second time.
   */
  isNews: boolean;
}
