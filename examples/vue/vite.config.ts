import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Built into dist/ and served by the Express example at /vue/.
// `npm run dev` proxies the API and the socket to an example on :3000.
export default defineConfig({
  base: '/vue/',
  plugins: [vue()],
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/opwire': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
