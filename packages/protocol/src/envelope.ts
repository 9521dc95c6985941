import type { ReadableProtocolVersion } from './version.js';

/**
 * Every server→client message but an operation event, sent on `opwire:message`: application
 * events, toasts and table refreshes. Since version 2 operation events travel as frames on
 * `opwire:op`; a client delivers them to subscribers as envelopes that carry `operationId`
 * and `seq`, as version 1 sent them.
 *
 * @typeParam TPayload - the payload of the message's topic
 */
export interface Envelope<TPayload = unknown> {
  /** The protocol version of the sender: 2, or 1 for a server of the previous release. */
  v: ReadableProtocolVersion;
  /** What the message is about, e.g. `operation.progress` or `data.product.updated`. */
  topic: string;
  /** The topic's payload. */
  payload: TPayload;
  /** Server time when the message was made, milliseconds since the Unix epoch. */
  ts: number;
  /** The operation an operation event belongs to; absent on other messages. */
  operationId?: string;
  /** An operation event's position in its operation's history; absent on other messages. */
  seq?: number;
}

/** The topic of toasts, whose payload is a {@link ToastPayload}. */
export const TOAST_TOPIC = 'toast';
/** The topic of table refreshes, whose payload is a {@link TableRefreshPayload}. */
export const TABLE_REFRESH_TOPIC = 'table.refresh';

/** Every kind of toast. */
export const TOAST_TYPES = ['info', 'success', 'warning', 'error', 'loading'] as const;
/** The kind of a toast: one of {@link TOAST_TYPES}. */
export type ToastType = (typeof TOAST_TYPES)[number];

/** Payload of the `toast` topic: a notification for the user. */
export type ToastPayload = {
  /** Stable id: a toast with the same id updates the earlier one in place. */
  id?: string | undefined;
  /** The toast's headline. */
  title: string;
  /** Text under the title. */
  message?: string | undefined;
  /** The kind of toast, which sets its look. */
  type: ToastType;
  /** How long to show it, in milliseconds (≥ 0); the toast library's default when absent. */
  durationMs?: number | undefined;
  /** The operation the toast is about, on an operation's toasts. */
  operationId?: string | undefined;
};

/** What a table refresh says happened to the rows. */
export const TABLE_ACTIONS = ['create', 'update', 'delete', 'refresh'] as const;
/** What happened to a table's rows: one of {@link TABLE_ACTIONS}. */
export type TableAction = (typeof TABLE_ACTIONS)[number];

/** Payload of the `table.refresh` topic: tables whose data changed, for clients to refetch. */
export type TableRefreshPayload = {
  /** The tables to refetch; at least one. */
  tables: string[];
  /** What happened to the rows. */
  action?: TableAction | undefined;
  /** The rows affected, when known. */
  ids?: (string | number)[] | undefined;
  /** The operation whose success caused the refresh, when one did. */
  operationId?: string | undefined;
};
