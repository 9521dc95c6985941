import type { OpwireClient } from '@opwire/client';
import { type RenderOptions, render } from '@testing-library/react';
import { type ReactElement, type ReactNode, StrictMode } from 'react';
import { OpwireProvider, type RenderScheduler } from '../../index.js';

export interface RenderWithClientOptions {
  client: OpwireClient;
  /** Render inside `<StrictMode>`, which mounts, unmounts and mounts again. */
  strict?: boolean;
  scheduler?: RenderScheduler;
}

/** Renders `ui` under an `<OpwireProvider>` for `client`. */
export function renderWithClient(ui: ReactElement, options: RenderWithClientOptions) {
  const { client, strict = false, scheduler } = options;
  const wrapper: RenderOptions['wrapper'] = ({ children }: { children: ReactNode }) => {
    const tree =
      scheduler === undefined ? (
        <OpwireProvider client={client}>{children}</OpwireProvider>
      ) : (
        <OpwireProvider client={client} scheduler={scheduler}>
          {children}
        </OpwireProvider>
      );
    return strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
  return render(ui, { wrapper });
}

/** A scheduler the test runs by hand: each `frame()` flushes what is queued. */
export function manualScheduler() {
  const queued: Array<() => void> = [];
  const scheduler: RenderScheduler = (flush) => {
    queued.push(flush);
  };
  return {
    scheduler,
    get pending() {
      return queued.length;
    },
    frame() {
      for (const flush of queued.splice(0)) flush();
    },
  };
}
