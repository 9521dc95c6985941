import { operationToastId } from '@opwire/client';
import { act, waitFor } from '@testing-library/react';
import { Toaster, toast } from 'sonner';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type OperationToast,
  type OperationToastsOptions,
  sonnerAdapter,
  type ToastAdapter,
  useOperationToasts,
} from '../index.js';
import {
  manualScheduler,
  type RenderWithClientOptions,
  renderWithClient,
} from './support/render.js';
import { setupAppServer } from './support/setup.js';

const app = setupAppServer();
afterEach(() => {
  toast.dismiss();
});

/** The sonner adapter, recording every toast it is asked to show. */
function recordingSonner() {
  const shown: OperationToast[] = [];
  const sonner = sonnerAdapter(toast);
  const adapter: ToastAdapter = {
    show(operationToast) {
      shown.push(operationToast);
      sonner.show(operationToast);
    },
  };
  return { adapter, shown };
}

function Toasts(props: { adapter: ToastAdapter; options: OperationToastsOptions | undefined }) {
  useOperationToasts(props.adapter, props.options);
  return <Toaster />;
}

function renderToasts(
  adapter: ToastAdapter,
  options: Omit<RenderWithClientOptions, 'client'> & { toasts?: OperationToastsOptions } = {},
) {
  const client = app.client();
  const view = renderWithClient(<Toasts adapter={adapter} options={options.toasts} />, {
    client,
    ...options,
  });
  return { client, view };
}

const toastElements = () => [...document.querySelectorAll<HTMLElement>('[data-sonner-toast]')];
const textOf = (element: HTMLElement | undefined, part: 'title' | 'description') =>
  element?.querySelector(`[data-${part}]`)?.textContent ?? null;

describe('useOperationToasts with sonner', () => {
  it('shows one toast per operation, updated in place from loading to success', async () => {
    const { adapter, shown } = recordingSonner();
    const { client } = renderToasts(adapter, { strict: true });
    await waitFor(() => expect(client.status).toBe('connected'));

    const op = app.server.opwire.operation.start('import', {
      audience: { user: 'u1' },
      title: 'User import',
    });
    await waitFor(() => expect(toastElements()).toHaveLength(1));
    const element = toastElements()[0];
    expect(element?.dataset.type).toBe('loading');
    expect(textOf(element, 'title')).toBe('User import');

    op.progress(40, 'Imported 400 rows');
    await waitFor(() => expect(textOf(element, 'description')).toBe('Imported 400 rows · 40%'));
    expect(toastElements()).toEqual([element]);

    op.complete({ imported: 1000 }, 'Imported 1000 rows');
    await waitFor(() => expect(element?.dataset.type).toBe('success'));
    expect(toastElements()).toEqual([element]);
    expect(textOf(element, 'title')).toBe('User import');
    expect(textOf(element, 'description')).toBe('Imported 1000 rows');

    // StrictMode mounted the hook twice; each lifecycle toast still went out once.
    const id = operationToastId(op.id);
    const lifecycle = shown.filter((entry) => entry.percent === undefined);
    expect(lifecycle.map((entry) => [entry.id, entry.type])).toEqual([
      [id, 'loading'],
      [id, 'success'],
    ]);
    expect(shown.every((entry) => entry.id === id)).toBe(true);
  });

  it('turns a failure into an error toast with the job’s message', async () => {
    const { adapter } = recordingSonner();
    const { client } = renderToasts(adapter);
    await waitFor(() => expect(client.status).toBe('connected'));
    const op = app.server.opwire.operation.start('export', { audience: { user: 'u1' } });
    await waitFor(() => expect(toastElements()).toHaveLength(1));
    op.fail(new Error('The disk is full'));
    await waitFor(() => expect(toastElements()[0]?.dataset.type).toBe('error'));
    expect(toastElements()).toHaveLength(1);
    expect(textOf(toastElements()[0], 'title')).toBe('export');
    expect(textOf(toastElements()[0], 'description')).toBe('The disk is full');
  });

  it('titles the end toasts with the titles the operation started with, cancel included', async () => {
    const { adapter } = recordingSonner();
    const { client } = renderToasts(adapter);
    await waitFor(() => expect(client.status).toBe('connected'));
    const op = app.server.opwire.operation.start('import', {
      audience: { user: 'u1' },
      title: 'User import',
      toast: { success: 'Users imported', cancelled: 'Import stopped' },
    });
    await waitFor(() => expect(toastElements()).toHaveLength(1));
    expect(textOf(toastElements()[0], 'title')).toBe('User import');
    op.cancel('Stopped by Ann');
    await waitFor(() => expect(toastElements()[0]?.dataset.type).toBe('warning'));
    expect(textOf(toastElements()[0], 'title')).toBe('Import stopped');
    expect(textOf(toastElements()[0], 'description')).toBe('Stopped by Ann');
  });

  it('shows the server’s own toasts, unless filtered out', async () => {
    const { adapter, shown } = recordingSonner();
    const { client } = renderToasts(adapter, {
      toasts: { filter: (payload) => payload.title !== 'Noise' },
    });
    await waitFor(() => expect(client.status).toBe('connected'));
    app.server.opwire.toast({ user: 'u1' }, { title: 'Noise', type: 'info' });
    app.server.opwire.toast(
      { user: 'u1' },
      { title: 'Report ready', message: 'Open it', type: 'info' },
    );
    await waitFor(() => expect(toastElements()).toHaveLength(1));
    expect(textOf(toastElements()[0], 'title')).toBe('Report ready');
    expect(shown.map((entry) => entry.title)).toEqual(['Report ready']);
  });

  it('sends progress once per frame with the latest percent, never after the end toast', async () => {
    const { adapter, shown } = recordingSonner();
    const frames = manualScheduler();
    const { client } = renderToasts(adapter, { scheduler: frames.scheduler });
    await waitFor(() => expect(client.status).toBe('connected'));
    const op = app.server.opwire.operation.start('import', { audience: { user: 'u1' } });
    await waitFor(() => expect(shown).toHaveLength(1));

    for (let percent = 5; percent <= 50; percent += 5) op.progress(percent);
    await waitFor(() => expect(client.operations.getSnapshot()[0]?.percent).toBe(50));
    expect(shown).toHaveLength(1);
    act(() => frames.frame());
    expect(shown.map((entry) => entry.percent)).toEqual([undefined, 50]);

    op.progress(60);
    op.complete();
    await waitFor(() => expect(shown.at(-1)?.type).toBe('success'));
    act(() => frames.frame());
    expect(shown.map((entry) => entry.type)).toEqual(['loading', 'loading', 'success']);
  });

  it('leaves progress out with progress: false', async () => {
    const { adapter, shown } = recordingSonner();
    const { client } = renderToasts(adapter, { toasts: { progress: false } });
    await waitFor(() => expect(client.status).toBe('connected'));
    const op = app.server.opwire.operation.start('import', { audience: { user: 'u1' } });
    await waitFor(() => expect(shown).toHaveLength(1));
    op.progress(50);
    op.complete();
    await waitFor(() => expect(shown.at(-1)?.type).toBe('success'));
    expect(shown.map((entry) => entry.type)).toEqual(['loading', 'success']);
  });
});
