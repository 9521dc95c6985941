import { describe, expect, it } from 'vitest';
import { type ProgressBatch, ProgressBatches } from '../operations/progressBatches.js';
import type { BatchAppend, EventDraft } from '../store/operationStore.js';

function draft(percent: number): EventDraft {
  return { operationId: 'op', topic: 'operation.progress', payload: { percent }, ts: percent };
}

/** Appends that answer only when the test says so, in the order they were issued. */
function heldAppends() {
  const issued: {
    percents: number[];
    answer: (batch: BatchAppend | null) => void;
    fail: () => void;
  }[] = [];
  const append = (drafts: readonly EventDraft[]) =>
    new Promise<BatchAppend | null>((resolve, reject) => {
      issued.push({
        percents: drafts.map((d) => (d.payload as { percent: number }).percent),
        answer: resolve,
        fail: () => reject(new Error('connection lost')),
      });
    });
  return { issued, append };
}

const appended: BatchAppend = { events: [], snapshots: [], token: 1 };
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ProgressBatches', () => {
  it('issues the batch behind one in flight, with everything added in the same turn', async () => {
    const { issued, append } = heldAppends();
    const batches = new ProgressBatches(append);
    const first = batches.add(draft(1)) as ProgressBatch;
    void batches.reply(first);
    expect(batches.add(draft(2))).toBeDefined();
    expect(batches.add(draft(3))).toBeUndefined();
    await turn();
    expect(issued.map((i) => i.percents)).toEqual([[1], [2, 3]]);
  });

  it('keeps at most two in flight; the third goes once the first settled', async () => {
    const { issued, append } = heldAppends();
    const batches = new ProgressBatches(append);
    const first = batches.add(draft(1)) as ProgressBatch;
    const reply = batches.reply(first);
    batches.add(draft(2));
    await turn();
    batches.add(draft(3));
    batches.add(draft(4));
    await turn();
    expect(issued).toHaveLength(2);
    issued[0]?.answer(appended);
    await reply;
    batches.settled(first);
    expect(issued.map((i) => i.percents)).toEqual([[1], [2], [3, 4]]);
  });

  it('issues nothing early behind a refused or failed batch', async () => {
    for (const outcome of ['refused', 'failed'] as const) {
      const { issued, append } = heldAppends();
      const batches = new ProgressBatches(append);
      const first = batches.add(draft(1)) as ProgressBatch;
      const reply = batches.reply(first).catch(() => null);
      if (outcome === 'refused') issued[0]?.answer(null);
      else issued[0]?.fail();
      await reply;
      const second = batches.add(draft(2)) as ProgressBatch;
      await turn();
      expect(issued).toHaveLength(1);
      // Its turn comes when the run gets to it, after the one ahead fell back.
      void batches.reply(second);
      expect(issued).toHaveLength(2);
    }
  });

  it('lets a batch that fails before its turn reject only where the run awaits it', async () => {
    const { issued, append } = heldAppends();
    const batches = new ProgressBatches(append);
    const first = batches.add(draft(1)) as ProgressBatch;
    void batches.reply(first).catch(() => {});
    const second = batches.add(draft(2)) as ProgressBatch;
    await turn();
    issued[1]?.fail();
    await turn();
    // No unhandled rejection reached the test runner; the run still sees the failure.
    await expect(batches.reply(second)).rejects.toThrow('connection lost');
  });

  it('does not issue progress after another event early', async () => {
    const { issued, append } = heldAppends();
    const batches = new ProgressBatches(append);
    const first = batches.add(draft(1)) as ProgressBatch;
    void batches.reply(first);
    batches.close();
    batches.add(draft(2));
    await turn();
    expect(issued).toHaveLength(1);
  });
});
