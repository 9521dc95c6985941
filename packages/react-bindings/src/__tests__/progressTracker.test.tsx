import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ProgressTracker, type ProgressTrackerState } from '../index.js';
import { renderWithClient } from './support/render.js';
import { setupAppServer } from './support/setup.js';

const app = setupAppServer();

const stagesOf = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('[data-stage]')].map((item) => [
    item.dataset.stage,
    item.dataset.state,
  ]);

function startImport() {
  return app.server.opwire.operation.start('import', {
    audience: { user: 'u1' },
    title: 'User import',
    stages: ['parsing', 'importing', 'verifying'],
    estimatedDurationMs: 60_000,
  });
}

describe('<ProgressTracker>', () => {
  it('renders stages, percent and ARIA progressbar values in its default markup', async () => {
    const op = startImport();
    const client = app.client();
    const view = renderWithClient(<ProgressTracker operationId={op.id} />, { client });
    const root = () => view.container.querySelector<HTMLElement>('[data-opwire-progress]');
    const bar = () => screen.getByRole('progressbar');

    expect(root()?.dataset.status).toBe('loading');
    expect(bar().getAttribute('aria-valuenow')).toBeNull();
    expect(bar().getAttribute('aria-busy')).toBe('true');

    op.stage('parsing');
    op.stage('importing', 'Importing rows');
    op.progress(40, 'Imported 400 rows');
    await waitFor(() => expect(bar().getAttribute('aria-valuenow')).toBe('40'));
    expect(root()?.dataset.status).toBe('running');
    expect(bar().getAttribute('aria-label')).toBe('User import');
    expect(bar().getAttribute('aria-valuemin')).toBe('0');
    expect(bar().getAttribute('aria-valuemax')).toBe('100');
    expect(bar().getAttribute('aria-valuetext')).toBe('40%, importing, Imported 400 rows');
    expect(bar().dataset.percent).toBe('40');
    expect(bar().style.getPropertyValue('--opwire-percent')).toBe('40%');
    expect(stagesOf(view.container)).toEqual([
      ['parsing', 'done'],
      ['importing', 'active'],
      ['verifying', 'pending'],
    ]);
    expect(view.container.querySelector('[aria-current="step"]')?.textContent).toBe('importing');
    expect(view.container.querySelector('[data-opwire-message]')?.textContent).toBe(
      'Imported 400 rows',
    );
    const timeLeft = view.container.querySelector<HTMLElement>('[data-opwire-time-left]');
    expect(Number(timeLeft?.dataset.opwireTimeLeft)).toBeGreaterThan(0);
    expect(timeLeft?.textContent).toMatch(/^about \d+ (s|min) left$/);

    op.complete();
    await waitFor(() => expect(root()?.dataset.status).toBe('succeeded'));
    expect(bar().getAttribute('aria-valuenow')).toBe('100');
    expect(bar().getAttribute('aria-busy')).toBe('false');
    expect(stagesOf(view.container).map(([, state]) => state)).toEqual(['done', 'done', 'done']);
    expect(view.container.querySelector('[data-opwire-time-left]')).toBeNull();
  });

  it('keeps the stage a failed operation stopped in active, and shows the error', async () => {
    const op = startImport();
    const view = renderWithClient(<ProgressTracker operationId={op.id} label="Import" />, {
      client: app.client(),
    });
    op.stage('parsing');
    op.fail(new Error('Bad header'));
    await waitFor(() =>
      expect(view.container.querySelector('[data-opwire-error]')?.textContent).toBe('Bad header'),
    );
    expect(stagesOf(view.container)).toEqual([
      ['parsing', 'active'],
      ['importing', 'pending'],
      ['verifying', 'pending'],
    ]);
    expect(screen.getByRole('progressbar').getAttribute('aria-label')).toBe('Import');
    expect(screen.getByRole('alert').textContent).toBe('Bad header');
  });

  it('shows which attempt of a retried operation runs, and the last error while it waits', async () => {
    const { operation } = app.server.opwire;
    const queued = await operation.enqueue('import', {
      audience: { user: 'u1' },
      queue: 'imports',
      attempts: 3,
    });
    const view = renderWithClient(<ProgressTracker operationId={queued.id} />, {
      client: app.client(),
    });
    const text = (selector: string) => view.container.querySelector(selector)?.textContent;
    const attempt = { id: queued.id, queue: 'imports', attempts: 3 };
    const first = operation.claim(
      'import',
      async () => {
        throw new Error('Disk full');
      },
      { ...attempt, attempt: 1 },
    );
    expect((await first.outcome).status).toBe('requeued');
    await waitFor(() => expect(text('[data-opwire-message]')).toBe('Disk full'));
    expect(
      view.container.querySelector<HTMLElement>('[data-opwire-progress]')?.dataset.status,
    ).toBe('queued');
    expect(text('[data-opwire-attempt]')).toBe('Attempt 1 of 3');
    let finish!: (value: string) => void;
    const second = operation.claim(
      'import',
      () =>
        new Promise<string>((resolve) => {
          finish = resolve;
        }),
      { ...attempt, attempt: 2 },
    );
    await waitFor(() => expect(text('[data-opwire-attempt]')).toBe('Attempt 2 of 3'));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe(
      '0%, Attempt 2 of 3',
    );
    finish('ok');
    expect((await second.outcome).status).toBe('succeeded');
  });

  it('hands its state to a render prop, with labelled stages and time left', async () => {
    const op = startImport();
    const states: ProgressTrackerState[] = [];
    renderWithClient(
      <ProgressTracker
        operationId={op.id}
        stages={[
          { name: 'parsing', label: 'Reading the file' },
          { name: 'importing', label: 'Importing users' },
        ]}
        render={(tracker) => {
          states.push(tracker);
          return (
            <span data-testid="custom">{`${tracker.activeStage?.label ?? '-'} ${tracker.percent}`}</span>
          );
        }}
      />,
      { client: app.client() },
    );
    op.stage('parsing');
    op.progress(25);
    await waitFor(() =>
      expect(screen.getByTestId('custom').textContent).toBe('Reading the file 25'),
    );
    const latest = states.at(-1);
    expect(latest?.stages).toEqual([
      { name: 'parsing', label: 'Reading the file', state: 'active', index: 0 },
      { name: 'importing', label: 'Importing users', state: 'pending', index: 1 },
    ]);
    expect(latest?.timeLeftMs).toBeGreaterThan(0);
    expect(latest).toMatchObject({ operationId: op.id, status: 'running', isActive: true });
    expect(document.querySelector('[role="progressbar"]')).toBeNull();
  });

  it('renders a children function, and prefers render when both are given', async () => {
    const op = startImport();
    const view = renderWithClient(
      <ProgressTracker operationId={op.id}>
        {(tracker) => <span data-testid="children">{tracker.status}</span>}
      </ProgressTracker>,
      { client: app.client() },
    );
    await waitFor(() => expect(screen.getByTestId('children').textContent).toBe('running'));
    view.rerender(
      <ProgressTracker operationId={op.id} render={() => <span data-testid="render">render</span>}>
        {() => <span data-testid="children">children</span>}
      </ProgressTracker>,
    );
    expect(screen.getByTestId('render').textContent).toBe('render');
    expect(screen.queryByTestId('children')).toBeNull();
  });

  it('shows the idle state without an operation', () => {
    const view = renderWithClient(<ProgressTracker operationId={null} stages={['a', 'b']} />, {
      client: app.client(),
    });
    const root = view.container.querySelector<HTMLElement>('[data-opwire-progress]');
    expect(root?.dataset.status).toBe('idle');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
    expect(screen.getByRole('progressbar').getAttribute('aria-label')).toBe('Operation progress');
    expect(stagesOf(view.container)).toEqual([
      ['a', 'pending'],
      ['b', 'pending'],
    ]);
  });
});
