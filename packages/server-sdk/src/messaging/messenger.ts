import {
  assertTopic,
  isOperationTopic,
  OpwireError,
  TABLE_ACTIONS,
  TABLE_REFRESH_TOPIC,
  type TableAction,
  type TableRefreshPayload,
  TOAST_TOPIC,
  TOAST_TYPES,
  type ToastPayload,
} from '@opwire/protocol';
import { audienceRooms, type Target } from '../audience.js';
import type { ServerStats } from '../stats/serverStats.js';
import { assertMatches } from '../validation.js';
import type { EventSchemas } from './defineEvents.js';
import type { Delivery } from './delivery.js';
import { envelope } from './envelope.js';

/** A toast to show; `durationMs` and `message` are optional. */
export interface ToastInput {
  /** The toast's headline. */
  title: string;
  /** `info`, `success`, `warning`, `error` or `loading`. */
  type: ToastPayload['type'];
  /** Text under the title. */
  message?: string;
  /** How long clients show it, in milliseconds; their toast library's default when absent. */
  durationMs?: number;
  /** Reuse an id to update an earlier toast in place. */
  id?: string;
}

/** What a table refresh says beyond the table names. */
export interface RefreshInfo {
  /** What happened to the rows: `create`, `update`, `delete` or `refresh`. */
  action?: TableAction;
  /** The rows affected, when known. */
  ids?: ReadonlyArray<string | number>;
}

/**
 * `opwire.to(target)`: sends application events to an audience.
 *
 * @typeParam TEvents - topic → payload type, from `defineEvents`; without it, any valid topic
 *   and any payload
 */
export interface EventSender<TEvents> {
  /**
   * Sends `payload` on `topic` to the audience. Throws `invalid_request` for
   * an invalid topic, `invalid_option` for a reserved (`operation.*`, `toast`,
   * `table.refresh`) or undeclared one, and, with `validatePayloads`,
   * `invalid_payload` for a payload that does not match its schema.
   */
  emit<TTopic extends keyof TEvents & string>(topic: TTopic, payload: TEvents[TTopic]): void;
}

/**
 * Sends application events, toasts and table refreshes to audiences; the
 * messaging half of {@link Opwire}. Every method throws `invalid_option` for an
 * empty or malformed audience.
 *
 * @typeParam TEvents - topic → payload type, from `defineEvents`
 */
export interface Messenger<TEvents> {
  /** The sender of application events to `target`. */
  to(target: Target): EventSender<TEvents>;
  /**
   * Shows a toast to `target`. Throws `invalid_option` without a title or a
   * known type.
   */
  toast(target: Target, toast: ToastInput): void;
  /**
   * Tells `target` that `tables` changed, so clients refetch them. Throws
   * `invalid_option` for an empty list or an unknown action.
   */
  refreshTables(target: Target, tables: readonly string[], info?: RefreshInfo): void;
}

const reservedTopics = new Set<string>([TOAST_TOPIC, TABLE_REFRESH_TOPIC]);

export function createMessenger<TEvents>(
  delivery: Delivery,
  stats: ServerStats,
  schemas: EventSchemas | undefined,
  validatePayloads: boolean,
): Messenger<TEvents> {
  const send = (target: Target, topic: string, payload: unknown) => {
    const rooms = target === 'all' ? 'all' : audienceRooms(target);
    delivery.send(rooms, envelope(topic, payload));
    stats.messageSent();
  };

  return {
    to(target) {
      const rooms = target === 'all' ? 'all' : audienceRooms(target);
      return {
        emit(topic, payload) {
          assertTopic(topic);
          if (isOperationTopic(topic) || reservedTopics.has(topic)) {
            throw new OpwireError(
              'invalid_option',
              `"${topic}" is reserved; use operation.track/start, opwire.toast or opwire.refreshTables.`,
            );
          }
          const schema = schemas?.[topic];
          if (schemas !== undefined && schema === undefined) {
            throw new OpwireError(
              'invalid_option',
              `"${topic}" is not declared in defineEvents().`,
            );
          }
          if (validatePayloads && schema !== undefined) {
            assertMatches(schema, payload, `The payload of "${topic}"`);
          }
          delivery.send(rooms, envelope(topic, payload));
          stats.messageSent();
        },
      };
    },

    toast(target, toast) {
      if (typeof toast?.title !== 'string' || !TOAST_TYPES.includes(toast.type)) {
        throw new OpwireError(
          'invalid_option',
          `A toast needs a title and a type (${TOAST_TYPES.join(', ')}).`,
        );
      }
      const payload: ToastPayload = { title: toast.title, type: toast.type };
      if (toast.message !== undefined) payload.message = toast.message;
      if (toast.durationMs !== undefined) payload.durationMs = toast.durationMs;
      if (toast.id !== undefined) payload.id = toast.id;
      send(target, TOAST_TOPIC, payload);
    },

    refreshTables(target, tables, info = {}) {
      if (
        !Array.isArray(tables) ||
        tables.length === 0 ||
        tables.some((t) => typeof t !== 'string')
      ) {
        throw new OpwireError(
          'invalid_option',
          'refreshTables needs a non-empty array of table names.',
        );
      }
      if (info.action !== undefined && !TABLE_ACTIONS.includes(info.action)) {
        throw new OpwireError(
          'invalid_option',
          `Unknown table action "${info.action}" (${TABLE_ACTIONS.join(', ')}).`,
        );
      }
      const payload: TableRefreshPayload = { tables: [...tables] };
      if (info.action !== undefined) payload.action = info.action;
      if (info.ids !== undefined) payload.ids = [...info.ids];
      send(target, TABLE_REFRESH_TOPIC, payload);
    },
  };
}
