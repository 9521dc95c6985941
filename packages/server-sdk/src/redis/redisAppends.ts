import {
  applyOperationEvent,
  isTerminalStatus,
  type OperationEvent,
  type OperationSnapshot,
  OpwireError,
} from '@opwire/protocol';
import type { ChannelMessage, MessagesOf } from '../operations/storedPublisher.js';
import { checkConditions } from '../store/appendConditions.js';
import type {
  AppendOptions,
  AppendResult,
  BatchAppend,
  EventDraft,
  OperationRecord,
} from '../store/operationStore.js';
import type { CommittedRecords } from './committedRecords.js';
import { LuaScript } from './luaScript.js';
import { APPEND_SCRIPT } from './luaScripts.js';
import type { RedisClient } from './redisClient.js';
import type { RedisIndexes } from './redisIndexes.js';
import type { RedisKeys } from './redisKeys.js';
import { readRecord } from './redisRecords.js';

/** Retries of an append that lost a race to another process before giving up. */
const MAX_RACE_RETRIES = 50;
/** Most events one batch writes (each is an argument of the script). */
const MAX_BATCH = 200;

const appendScript = new LuaScript(APPEND_SCRIPT);

type AppendReply = [ok: number, seqOrWhy: number, tokenOrSeq: number, leaseUntil: number];

// Why the append script refused (the second number of its reply when the first is 0).
const WHY_EXISTS = 1;
const WHY_MISSING = 2;
const WHY_SEQ_MOVED = 3;
const WHY_LEASE_RUNNING = 5;

/** What the Redis store's writes share with the rest of the store. */
export interface RedisAppendsInit {
  redis: RedisClient;
  keys: RedisKeys;
  indexes: RedisIndexes;
  /** This process's last commit of each operation it writes. */
  committed: CommittedRecords;
  historyLimit: number;
  ttlMs: number;
}

/** The store's two writes; with `messagesOf`, they publish what they store on commit. */
export interface RedisAppends {
  append(
    draft: EventDraft,
    conditions: AppendOptions,
    messagesOf?: MessagesOf,
  ): Promise<AppendResult>;
  appendBatch(
    drafts: readonly EventDraft[],
    conditions: AppendOptions,
    messagesOf?: MessagesOf,
  ): Promise<BatchAppend | null>;
}

/** One call of the append script: the events it stores after `expected`, and what it checks. */
interface AppendCall {
  expected: number;
  snapshot: OperationSnapshot;
  events: readonly OperationEvent[];
  terminal: boolean;
  conditions: AppendOptions;
  queue: string;
  messages: readonly ChannelMessage[];
}

/**
 * The Redis store's writes: one event (with its conditions and ownership changes), or a
 * batch of progress after this process's own last commit. Each is one compare-and-set script
 * that may also publish the stored events on commit.
 */
export function redisAppends(init: RedisAppendsInit): RedisAppends {
  const { redis, keys, indexes, committed } = init;
  const read = (id: string) => readRecord(redis, keys, id);
  const run = async (id: string, call: AppendCall) =>
    (await appendScript.run(
      redis,
      [keys.state(id), keys.events(id)],
      appendArguments(call, init.historyLimit, init.ttlMs),
    )) as AppendReply;

  const refusedOrGone = async (id: string): Promise<AppendResult> => {
    const record = await read(id);
    if (record === null) return { status: 'not_found' };
    if (isTerminalStatus(record.snapshot.status))
      return { status: 'ended', snapshot: record.snapshot };
    return { status: 'refused', record };
  };

  const append = async (
    draft: EventDraft,
    conditions: AppendOptions,
    messagesOf?: MessagesOf,
  ): Promise<AppendResult> => {
    const id = draft.operationId;
    const starts = draft.topic === 'operation.started';
    // This process's last commit, when it has one, saves reading the state back first.
    let mine = starts ? undefined : committed.get(id);
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt += 1) {
      let current: OperationRecord | null = mine ?? null;
      if (mine === undefined && !starts) {
        current = await read(id);
        if (current === null) return { status: 'not_found' };
        if (isTerminalStatus(current.snapshot.status))
          return { status: 'ended', snapshot: current.snapshot };
      }
      // Token and `when` are checked here first; Redis checks token and lease again, atomically.
      if (
        current !== null &&
        !checkConditions(current, { ...conditions, leaseExpired: false }, null)
      ) {
        if (mine === undefined) return { status: 'refused', record: current };
        mine = undefined;
        continue;
      }
      const expected = current?.snapshot.seq ?? 0;
      const event = { ...draft, seq: expected + 1 } as OperationEvent;
      const { snapshot } = applyOperationEvent(current?.snapshot ?? null, event);
      if (snapshot === null)
        throw new OpwireError('internal', `Event ${event.topic} could not start operation ${id}.`);
      const terminal = isTerminalStatus(snapshot.status);
      const { claim } = conditions;
      const [ok, second, third, leaseUntil] = await run(id, {
        expected,
        snapshot,
        events: [event],
        terminal,
        conditions,
        queue: starts ? (conditions.queue ?? '') : '',
        messages: messagesOf?.([event], [snapshot]) ?? [],
      });
      if (ok === 1) {
        const queue = current?.queue ?? (starts ? (conditions.queue ?? null) : null);
        const owner =
          terminal || conditions.release
            ? null
            : claim
              ? { ...claim, token: third, leaseUntil }
              : current?.owner
                ? { ...current.owner, leaseUntil: leaseUntil < 0 ? null : leaseUntil }
                : null;
        if (terminal) committed.forget(id);
        else committed.remember({ snapshot, owner, queue, token: third });
        await indexes.afterAppend({
          snapshot,
          created: starts,
          queue,
          owned: owner !== null,
          ownerChanged: claim !== undefined || conditions.release === true,
          leaseUntil,
        });
        return { status: 'appended', event, snapshot, token: third };
      }
      committed.forget(id);
      if (second === WHY_EXISTS) {
        const existing = await read(id);
        if (existing) return { status: 'conflict', snapshot: existing.snapshot };
        continue;
      }
      if (second === WHY_MISSING) return { status: 'not_found' };
      if (second === WHY_SEQ_MOVED) {
        if (mine !== undefined) {
          // Another process appended since this one's last commit: read it.
          mine = undefined;
          continue;
        }
        // Lost a race with another process: back off a little, with jitter, and retry.
        await new Promise((resolve) =>
          setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)),
        );
        continue;
      }
      // Another owner holds it, or the lease still runs: keep the lease index in step.
      if (second === WHY_LEASE_RUNNING && leaseUntil > 0)
        await indexes.leaseRenewed(id, leaseUntil);
      return refusedOrGone(id);
    }
    throw new OpwireError(
      'unavailable',
      `Could not append to operation ${id}: too much contention.`,
    );
  };

  /** The batch after this process's own last commit, in one compare-and-set; `null` when it cannot be. */
  const appendBatch = async (
    drafts: readonly EventDraft[],
    conditions: AppendOptions,
    messagesOf?: MessagesOf,
  ): Promise<BatchAppend | null> => {
    const first = drafts[0];
    if (first === undefined || drafts.length > MAX_BATCH) return null;
    if (conditions.claim || conditions.release || conditions.leaseExpired || conditions.when)
      return null;
    const id = first.operationId;
    const mine = committed.get(id);
    if (mine === undefined || !checkConditions(mine, conditions, null)) return null;
    const events: OperationEvent[] = [];
    const snapshots: OperationSnapshot[] = [];
    let snapshot = mine.snapshot;
    for (const draft of drafts) {
      if (draft.operationId !== id || draft.topic !== 'operation.progress') return null;
      const event = { ...draft, seq: snapshot.seq + 1 } as OperationEvent;
      const next = applyOperationEvent(snapshot, event).snapshot;
      if (next === null || isTerminalStatus(next.status)) return null;
      events.push(event);
      snapshots.push(next);
      snapshot = next;
    }
    const [ok, , token, leaseUntil] = await run(id, {
      expected: mine.snapshot.seq,
      snapshot,
      events,
      terminal: false,
      conditions,
      queue: '',
      messages: messagesOf?.(events, snapshots) ?? [],
    });
    if (ok !== 1) {
      committed.forget(id);
      return null;
    }
    const owner = mine.owner
      ? { ...mine.owner, leaseUntil: leaseUntil < 0 ? null : leaseUntil }
      : null;
    committed.remember({ ...mine, snapshot, owner, token });
    return { events, snapshots, token };
  };

  return { append, appendBatch };
}

/** The append script's ARGV, in the order `luaScripts.ts` documents. */
function appendArguments(
  call: AppendCall,
  historyLimit: number,
  ttlMs: number,
): (string | number | Buffer)[] {
  const { conditions, events, messages } = call;
  const { claim } = conditions;
  return [
    call.expected,
    JSON.stringify(call.snapshot),
    JSON.stringify(events[0]),
    historyLimit,
    ttlMs,
    call.terminal ? '1' : '0',
    conditions.token ?? '',
    conditions.leaseExpired ? '1' : '0',
    claim ? 'claim' : conditions.release ? 'release' : 'keep',
    claim?.id ?? '',
    claim?.leaseMs ?? 0,
    claim?.onLost ?? 'fail',
    call.queue,
    messages.length,
    ...events.slice(1).map((event) => JSON.stringify(event)),
    ...messages.flatMap(({ channel, message }) => [channel, message]),
  ];
}
