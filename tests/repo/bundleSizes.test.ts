import { describe, expect, it } from 'vitest';
import { measure } from '../../scripts/bundleSizes.mjs';

// gzip bytes of what a browser app ships for each import; lower a budget when a change
// makes the bundle smaller, never raise it without saying why in the changeset.
const BUDGETS = {
  client: 26_400,
  react: 29_200,
} as const;

const bundles = {
  client: `export { createOpwireClient } from '@opwire/client';`,
  react: `export { OpwireProvider, useOperation, useLiveOperation, useConnectionStatus } from '@opwire/react';`,
};

const REACT = ['react', 'react-dom', 'react/jsx-runtime'];

describe('browser bundle sizes (esbuild, minified, gzip -9)', () => {
  it.each(Object.entries(BUDGETS))('%s stays within its budget', async (name, budget) => {
    const { gzip } = await measure({
      name,
      source: bundles[name as keyof typeof bundles],
      external: name === 'react' ? REACT : [],
    });
    expect(gzip).toBeLessThanOrEqual(budget);
  });

  it('pure helpers pull in neither the transport nor a validator', async () => {
    for (const source of [
      `export { estimateTimeLeft } from '@opwire/client';`,
      `export { ProgressTracker } from '@opwire/react';`,
    ]) {
      const { pulls } = await measure({ name: 'helpers', source, external: REACT });
      expect(pulls).toEqual([]);
    }
  });

  it('the client carries the HTTP fallback only when it is given one', async () => {
    const fallback = ['client-sdk/httpApi.js', 'client-sdk/pollingFallback.js'];
    const plain = await measure({ name: 'client', source: bundles.client });
    expect(plain.modules).toContain('client-sdk/createOpwireClient.js');
    for (const module of fallback) expect(plain.modules).not.toContain(module);
    const withFallback = await measure({
      name: 'client+polling',
      source: `export { createOpwireClient, httpPollingFallback } from '@opwire/client';`,
    });
    for (const module of fallback) expect(withFallback.modules).toContain(module);
  });

  it('the client never ships zod', async () => {
    const { pulls } = await measure({ name: 'client', source: bundles.client });
    expect(pulls).not.toContain('zod');
  });
});
