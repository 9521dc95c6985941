import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'redis/index': 'src/redis/index.ts',
    'prom-client/index': 'src/promClient/index.ts',
    'fastify/index': 'src/fastify/index.ts',
    'express/index': 'src/express/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // `import.meta.url` (optional peers are loaded with createRequire) in the CommonJS build too.
  shims: true,
});
