import type { OperationEvent, OperationSnapshot } from '@opwire/protocol';
import type { Namespace } from 'socket.io';
import type { OpwireAdapter } from '../options.js';
import type {
  AppendOptions,
  AppendResult,
  BatchAppend,
  EventDraft,
  OperationStore,
} from '../store/operationStore.js';

/** A message on the channels of Socket.IO's Redis adapter. */
export interface ChannelMessage {
  channel: string;
  message: string | Buffer;
}

/**
 * The messages that deliver stored events of one operation, in `seq` order, built once their
 * `seq` and snapshots are known (`snapshots[i]` is the state after `events[i]`).
 */
export type MessagesOf = (
  events: readonly OperationEvent[],
  snapshots: readonly OperationSnapshot[],
) => readonly ChannelMessage[];

/**
 * Appends that store an operation's events and publish them in one step, the
 * way the Redis store's script does it: the other processes hear of an event
 * one round trip sooner than when this process publishes it after the commit,
 * never hear of one the store refused, and hear of them in `seq` order. This
 * process's own sockets get each event when its append returns.
 */
export interface StoredPublisher {
  append(draft: EventDraft, conditions: AppendOptions): Promise<AppendResult>;
  appendBatch(
    drafts: readonly EventDraft[],
    conditions: AppendOptions,
  ): Promise<BatchAppend | null>;
}

/** What a store offers when its commits can publish (the Redis store does). */
export interface PublishingAppends {
  /** The Redis client the store writes with: its commits publish on that Redis. */
  readonly client: object;
  append(draft: EventDraft, conditions: AppendOptions, messages: MessagesOf): Promise<AppendResult>;
  appendBatch(
    drafts: readonly EventDraft[],
    conditions: AppendOptions,
    messages: MessagesOf,
  ): Promise<BatchAppend | null>;
}

/** Pairs a store with an adapter's namespace, when they can publish on commit together. */
export type StoredPublisherFor = (
  store: OperationStore,
  namespace: Namespace,
) => StoredPublisher | undefined;

// Registered symbols: the main entry and `@opwire/server/redis` are bundled apart, and each
// must find what the other attached.
const PUBLISHING_APPENDS = Symbol.for('opwire.publishingAppends');
const STORED_PUBLISHER = Symbol.for('opwire.storedPublisher');

/** Attaches to an adapter how it pairs with a store. */
export function offerStoredPublisher(adapter: OpwireAdapter, pair: StoredPublisherFor): void {
  Object.defineProperty(adapter, STORED_PUBLISHER, { value: pair });
}

/** How the adapter pairs with a store, when it can. */
export function storedPublisherFor(adapter: OpwireAdapter): StoredPublisherFor | undefined {
  return (adapter as { [STORED_PUBLISHER]?: StoredPublisherFor })[STORED_PUBLISHER];
}

/** Attaches the appends that publish to the store object that offers them. */
export function offerPublishingAppends(store: OperationStore, appends: PublishingAppends): void {
  Object.defineProperty(store, PUBLISHING_APPENDS, { value: appends });
}

/** The store's appends that publish with their commit, when it has them. */
export function publishingAppendsOf(store: OperationStore): PublishingAppends | undefined {
  return (store as { [PUBLISHING_APPENDS]?: PublishingAppends })[PUBLISHING_APPENDS];
}
