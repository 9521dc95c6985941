import type { OpwireClient } from '@opwire/client';
import type { Envelope, OperationSnapshot } from '@opwire/protocol';
import { canSee, type OperationPlan } from './plan.js';

/** What one client saw, and every rule it saw broken. */
export interface Observer {
  user: string;
  followed: Set<string>;
  violations: string[];
  follow(id: string): void;
}

/**
 * Watches a client the way an application would (a started event or the
 * active list makes it follow an operation) and records any event it should
 * not have seen, any event seen twice, and any step back in progress.
 */
export function observe(
  client: OpwireClient,
  user: string,
  plans: Map<string, OperationPlan>,
): Observer {
  const seen = new Map<string, Set<number>>();
  const lastPercent = new Map<string, number>();
  const lastSeq = new Map<string, number>();
  const observer: Observer = {
    user,
    followed: new Set(),
    violations: [],
    follow(id) {
      if (observer.followed.has(id)) return;
      observer.followed.add(id);
      const handle = client.operation(id);
      const check = (snapshot: OperationSnapshot | null) => {
        if (snapshot === null) return;
        if (snapshot.percent < (lastPercent.get(id) ?? 0)) {
          observer.violations.push(
            `${user}: ${id} progress went back from ${lastPercent.get(id)} to ${snapshot.percent}`,
          );
        }
        if (snapshot.seq < (lastSeq.get(id) ?? 0)) {
          observer.violations.push(
            `${user}: ${id} seq went back from ${lastSeq.get(id)} to ${snapshot.seq}`,
          );
        }
        lastPercent.set(id, snapshot.percent);
        lastSeq.set(id, snapshot.seq);
      };
      handle.subscribe(() => check(handle.getSnapshot()));
    },
  };
  const allowed = (id: string | undefined) => {
    const plan = id === undefined ? undefined : plans.get(id);
    return plan !== undefined && canSee(plan, user);
  };
  client.subscribe('operation.*', (_payload, message: Envelope) => {
    const id = message.operationId;
    if (!allowed(id)) {
      observer.violations.push(`${user}: saw ${message.topic} of ${id}, which it may not see`);
      return;
    }
    const seqs = seen.get(id as string) ?? new Set<number>();
    if (message.seq !== undefined && seqs.has(message.seq)) {
      observer.violations.push(`${user}: ${id} event ${message.seq} delivered twice`);
    }
    if (message.seq !== undefined) seqs.add(message.seq);
    seen.set(id as string, seqs);
    if (message.topic === 'operation.started') observer.follow(id as string);
  });
  client.onStatusChange(({ status }) => {
    if (status !== 'connected') return;
    client.operations
      .active()
      .then((operations) => {
        for (const operation of operations) {
          if (allowed(operation.id)) observer.follow(operation.id);
          else observer.violations.push(`${user}: listed ${operation.id}, which it may not see`);
        }
      })
      .catch(() => {});
  });
  return observer;
}
