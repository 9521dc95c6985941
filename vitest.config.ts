import { defineConfig } from 'vitest/config';
import { SOURCE_ALIASES, TEST_KIT_SOURCE } from './tests/kit/src/sourceAliases.js';

// Tests import the packages by name and run against their sources, so no build is needed.
const alias = [
  ...SOURCE_ALIASES.map(([name, source]) => ({
    find: new RegExp(`^${name}$`),
    replacement: source,
  })),
  { find: /^@opwire\/test-kit\/(.+)$/, replacement: `${TEST_KIT_SOURCE}/$1.ts` },
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
