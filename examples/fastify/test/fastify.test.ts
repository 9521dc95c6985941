import { afterAll, beforeAll, describe, it } from 'vitest';
import { ensureBuilt } from '../../e2e/support/build.js';
import { type ExampleProcess, startExample } from '../../e2e/support/exampleProcess.js';
import { checkFailedImport, checkImportAndIsolation } from '../../e2e/support/importScenario.js';

describe('Fastify example', () => {
  let app: ExampleProcess;

  beforeAll(async () => {
    await ensureBuilt();
    app = await startExample({
      example: 'fastify',
      args: ['--import', 'tsx', 'src/server.ts'],
      env: { IMPORT_SPEED: '30' },
    });
  }, 120_000);

  afterAll(() => app?.stop());

  it('runs an import to completed, and the other tenant sees none of it', async () => {
    await checkImportAndIsolation(app.url);
  });

  it('reports the failure path', async () => {
    await checkFailedImport(app.url);
  });
});
