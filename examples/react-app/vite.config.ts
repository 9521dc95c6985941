import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run build` writes dist/, which the Express example serves at /.
// `npm run dev` serves the page with hot reload and proxies the API and the
// socket to a backend example on :3000.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/opwire': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
