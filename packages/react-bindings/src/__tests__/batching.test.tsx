import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useActiveOperations, useOperation } from '../index.js';
import { manualScheduler, renderWithClient } from './support/render.js';
import { setupAppServer } from './support/setup.js';

const app = setupAppServer();

function Progress({ id, onRender }: { id: string; onRender: (percent: number) => void }) {
  onRender(useOperation(id).percent);
  return null;
}

function Running({ onRender }: { onRender: (percents: string) => void }) {
  const { operations } = useActiveOperations();
  onRender(operations.map((operation) => operation.percent).join(','));
  return null;
}

describe('batched renders', () => {
  it('renders a burst of progress events once per frame, however many tasks they came in', async () => {
    const client = app.client();
    await waitFor(() => expect(client.status).toBe('connected'));
    const op = app.server.opwire.operation.start('import', { audience: { user: 'u1' } });
    const frames = manualScheduler();
    const rendered: number[] = [];
    renderWithClient(<Progress id={op.id} onRender={(percent) => rendered.push(percent)} />, {
      client,
      scheduler: frames.scheduler,
    });
    await waitFor(() => expect(client.operation(op.id).getSnapshot()?.status).toBe('running'));
    act(() => frames.frame());
    const before = rendered.length;

    // Count the events the client received, and how many separate tasks they arrived in.
    let received = 0;
    let tasks = 0;
    let inTask = false;
    client.subscribe('operation.progress', () => {
      received += 1;
      if (!inTask) {
        inTask = true;
        tasks += 1;
        setImmediate(() => {
          inTask = false;
        });
      }
    });
    // The server yields between events, so they reach the client in separate tasks.
    for (let percent = 1; percent <= 50; percent += 1) {
      op.progress(percent);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => expect(received).toBe(50));
    expect(tasks).toBeGreaterThan(1);
    expect(client.operation(op.id).getSnapshot()?.percent).toBe(50);
    // Nothing rendered until the frame, whatever the number of tasks...
    expect(rendered.length).toBe(before);
    expect(frames.pending).toBe(1);
    // ...and the frame renders once, with the latest value.
    act(() => frames.frame());
    expect(rendered.slice(before)).toEqual([50]);
  });

  it('renders progress of many operations in one render of the running list', async () => {
    const client = app.client();
    await waitFor(() => expect(client.status).toBe('connected'));
    const frames = manualScheduler();
    const rendered: string[] = [];
    renderWithClient(<Running onRender={(percents) => rendered.push(percents)} />, {
      client,
      scheduler: frames.scheduler,
    });
    const ops = [1, 2, 3].map(() =>
      app.server.opwire.operation.start('import', { audience: { user: 'u1' } }),
    );
    await waitFor(() => expect(client.operations.getSnapshot()).toHaveLength(3));
    act(() => frames.frame());
    const before = rendered.length;
    for (let percent = 10; percent <= 90; percent += 10) {
      for (const op of ops) op.progress(percent);
    }
    await waitFor(() =>
      expect(client.operations.getSnapshot().map((operation) => operation.percent)).toEqual([
        90, 90, 90,
      ]),
    );
    expect(rendered.length).toBe(before);
    act(() => frames.frame());
    expect(rendered.slice(before)).toEqual(['90,90,90']);
  });

  it('with the default frame scheduler, renders a burst a few times, not once per event', async () => {
    const client = app.client();
    await waitFor(() => expect(client.status).toBe('connected'));
    const op = app.server.opwire.operation.start('import', { audience: { user: 'u1' } });
    const rendered: number[] = [];
    renderWithClient(<Progress id={op.id} onRender={(percent) => rendered.push(percent)} />, {
      client,
    });
    await waitFor(() => expect(client.operation(op.id).getSnapshot()?.status).toBe('running'));
    const before = rendered.length;
    for (let percent = 1; percent <= 100; percent += 1) op.progress(percent);
    await waitFor(() => expect(rendered.at(-1)).toBe(100));
    expect(rendered.length - before).toBeLessThan(20);
  });
});
