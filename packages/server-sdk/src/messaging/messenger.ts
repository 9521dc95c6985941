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
  title: string;
  type: ToastPayload['type'];
  message?: string;
  durationMs?: number;
  /** Reuse an id to update an earlier toast in place. */
  id?: string;
}

export interface RefreshInfo {
  action?: TableAction;
  ids?: ReadonlyArray<string | number>;
}

/** `opwire.to(target)`: sends application events to an audience. */
export interface EventSender<TEvents> {
  emit<TTopic extends keyof TEvents & string>(topic: TTopic, payload: TEvents[TTopic]): void;
}

export interface Messenger<TEvents> {
  to(target: Target): EventSender<TEvents>;
  toast(target: Target, toast: ToastInput): void;
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
