import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Nest, its peers and @opwire/server are the app's own copies, never bundled.
  external: [/^@nestjs\//, '@opwire/server', 'reflect-metadata', 'rxjs'],
});
