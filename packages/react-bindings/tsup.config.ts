import { defineConfig } from 'tsup';
import { browserPackageBuild } from '../../scripts/browserPackageBuild';

export default defineConfig(
  browserPackageBuild({
    // React (a peer) and the client are the app's own copies, never bundled.
    external: ['react', 'react/jsx-runtime', 'react-dom', '@opwire/client'],
    // The provider and hooks hold state: React Server Components must treat them as client code.
    banner: { js: "'use client';" },
  }),
);
