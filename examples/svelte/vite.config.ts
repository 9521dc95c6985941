import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// Built into dist/ and served by the Express example at /svelte/.
// `npm run dev` proxies the API and the socket to an example on :3000.
export default defineConfig({
  base: '/svelte/',
  plugins: [svelte()],
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/opwire': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
