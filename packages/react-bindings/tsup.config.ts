import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // React (a peer) and the client are the app's own copies, never bundled.
  external: ['react', 'react/jsx-runtime', 'react-dom', '@opwire/client'],
  // The provider and hooks hold state: React Server Components must treat them as client code.
  banner: { js: "'use client';" },
});
