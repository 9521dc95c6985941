import { afterAll, beforeAll, describe, it } from 'vitest';
import { ensureBuilt } from '../../e2e/support/build.js';
import { type ExampleProcess, startExample } from '../../e2e/support/exampleProcess.js';
import { checkFailedImport, checkImportAndIsolation } from '../../e2e/support/importScenario.js';

describe('Nest example (compiled, a real Nest app)', () => {
  let app: ExampleProcess;

  beforeAll(async () => {
    await ensureBuilt('nest');
    app = await startExample({
      example: 'nest',
      args: ['dist/main.js'],
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
