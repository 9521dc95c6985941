import { fileURLToPath } from 'node:url';

const repoPath = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/**
 * Each package name a test imports, and the source it stands for: tests (and the processes
 * they fork) run against the sources, so nothing needs building first.
 */
const SOURCES: ReadonlyArray<readonly [name: string, source: string]> = [
  ['@opwire/protocol', 'packages/protocol/src/index.ts'],
  ['@opwire/server/redis', 'packages/server-sdk/src/redis/index.ts'],
  ['@opwire/server/prom-client', 'packages/server-sdk/src/promClient/index.ts'],
  ['@opwire/server/fastify', 'packages/server-sdk/src/fastify/index.ts'],
  ['@opwire/server/express', 'packages/server-sdk/src/express/index.ts'],
  ['@opwire/server', 'packages/server-sdk/src/index.ts'],
  ['@opwire/client', 'packages/client-sdk/src/index.ts'],
  ['@opwire/react', 'packages/react-bindings/src/index.ts'],
  ['@opwire/nest', 'packages/nest/src/index.ts'],
];

export const SOURCE_ALIASES = SOURCES.map(([name, source]) => [name, repoPath(source)] as const);

/** Where `@opwire/test-kit/<module>` is. */
export const TEST_KIT_SOURCE = repoPath('tests/kit/src');
