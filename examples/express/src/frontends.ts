import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';

const reactDist = fileURLToPath(new URL('../../react-app/dist', import.meta.url));
const vueDist = fileURLToPath(new URL('../../vue/dist', import.meta.url));
const svelteDist = fileURLToPath(new URL('../../svelte/dist', import.meta.url));

/**
 * Serves the built React demo at `/`, the Vue page at `/vue/` and the Svelte
 * page at `/svelte/`, when they were built.
 */
export function serveFrontends(app: Express): void {
  app.use('/vue', staticApp(vueDist, '@opwire-examples/vue'));
  app.use('/svelte', staticApp(svelteDist, '@opwire-examples/svelte'));
  app.use(staticApp(reactDist, '@opwire-examples/react-app'));
}

function staticApp(dist: string, workspace: string): express.Router {
  const router = express.Router();
  router.use(express.static(dist));
  router.get('/{*path}', (_req, res) => {
    if (existsSync(`${dist}/index.html`)) res.sendFile('index.html', { root: dist });
    else
      res
        .status(404)
        .type('text')
        .send(`This page is not built yet: run npm run build -w ${workspace} (or npm run demo).`);
  });
  return router;
}
