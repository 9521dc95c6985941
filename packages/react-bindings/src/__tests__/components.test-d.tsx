// Type tests: checked by `tsc -p tsconfig.json` at the repository root, never run.
import type { OpwireClient } from '@opwire/client';
import { expectTypeOf } from 'vitest';
import { OpwireProvider, ProgressTracker, type ProgressTrackerState } from '../index.js';

interface ImportResult {
  imported: number;
}
declare const client: OpwireClient;

export const withClient = <OpwireProvider client={client}>app</OpwireProvider>;
export const withOptions = (
  <OpwireProvider options={{ url: 'https://api.example.com', token: () => 'token' }}>
    app
  </OpwireProvider>
);
// @ts-expect-error either a client or options, not both
export const withBoth = <OpwireProvider client={client} options={{}} />;
// @ts-expect-error a client or options is required
export const withNeither = <OpwireProvider />;

export const typedTracker = (
  <ProgressTracker<ImportResult>
    operationId="op-1"
    stages={['parsing', { name: 'importing', label: 'Importing' }]}
    render={(tracker) => {
      expectTypeOf(tracker).toEqualTypeOf<ProgressTrackerState<ImportResult, unknown>>();
      expectTypeOf(tracker.result).toEqualTypeOf<ImportResult | null>();
      return tracker.result?.imported;
    }}
  />
);
export const childrenTracker = (
  <ProgressTracker operationId={null}>{(tracker) => `${tracker.percent}%`}</ProgressTracker>
);
