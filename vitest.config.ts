import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests import the packages by name and run against their sources, so no build is needed.
const alias = [
  { find: /^@opwire\/protocol$/, replacement: source('./packages/protocol/src/index.ts') },
  {
    find: /^@opwire\/server\/redis$/,
    replacement: source('./packages/server-sdk/src/redis/index.ts'),
  },
  {
    find: /^@opwire\/server\/prom-client$/,
    replacement: source('./packages/server-sdk/src/promClient/index.ts'),
  },
  {
    find: /^@opwire\/server\/fastify$/,
    replacement: source('./packages/server-sdk/src/fastify/index.ts'),
  },
  {
    find: /^@opwire\/server\/express$/,
    replacement: source('./packages/server-sdk/src/express/index.ts'),
  },
  { find: /^@opwire\/server$/, replacement: source('./packages/server-sdk/src/index.ts') },
  { find: /^@opwire\/client$/, replacement: source('./packages/client-sdk/src/index.ts') },
  { find: /^@opwire\/react$/, replacement: source('./packages/react-bindings/src/index.ts') },
  { find: /^@opwire\/nest$/, replacement: source('./packages/nest/src/index.ts') },
];

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'protocol', include: ['packages/protocol/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'server', include: ['packages/server-sdk/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'client', include: ['packages/client-sdk/src/**/*.test.ts'] },
      },
      {
        extends: true,
        // Nest's decorators are TypeScript's legacy ones, parameter decorators included.
        oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
        test: { name: 'nest', include: ['packages/nest/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'repo', include: ['tests/repo/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'react',
          include: ['packages/react-bindings/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        extends: true,
        test: { name: 'reliability', include: ['tests/reliability/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'examples', include: ['examples/**/*.test.ts'] },
      },
    ],
  },
});
