// Bundles what a browser app imports from opwire (esbuild: browser, minified,
// tree-shaken) and reports each bundle's gzip size and which heavy packages it pulls in.
// `node scripts/bundleSizes.mjs` prints a table; tests/repo/bundleSizes.test.ts holds the budgets.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each entry is the source of a file a browser app could write. */
export const BUNDLES = [
  {
    name: 'client',
    what: '`createOpwireClient` from @opwire/client',
    source: `export { createOpwireClient } from '@opwire/client';`,
  },
  {
    name: 'client+polling',
    what: '`createOpwireClient` with `httpPollingFallback`',
    source: `export { createOpwireClient, httpPollingFallback } from '@opwire/client';`,
  },
  {
    name: 'react',
    what: '@opwire/react provider + useOperation + useLiveOperation + useConnectionStatus',
    source: `export { OpwireProvider, useOperation, useLiveOperation, useConnectionStatus } from '@opwire/react';`,
    external: ['react', 'react-dom', 'react/jsx-runtime'],
  },
  {
    name: 'helpers',
    what: '`estimateTimeLeft` from @opwire/client',
    source: `export { estimateTimeLeft } from '@opwire/client';`,
  },
  {
    name: 'tracker',
    what: '`ProgressTracker` from @opwire/react',
    source: `export { ProgressTracker } from '@opwire/react';`,
    external: ['react', 'react-dom', 'react/jsx-runtime'],
  },
  {
    name: 'socket.io-client',
    what: '`io` from socket.io-client alone (reference)',
    source: `export { io } from 'socket.io-client';`,
  },
];

const HEAVY = ['socket.io-client', 'engine.io-client', 'zod'];

/** Bundles one entry and returns its sizes and the heavy packages found in it. */
export async function measure(bundle) {
  const result = await build({
    stdin: { contents: bundle.source, resolveDir: `${root}packages/react-bindings`, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    external: bundle.external ?? [],
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  // Only the inputs that left bytes in the bundle: tree-shaken modules are listed with 0.
  const [output] = Object.values(result.metafile.outputs);
  const inputs = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  const pulls = HEAVY.filter((name) =>
    inputs.some((path) => path.includes(`node_modules/${name}/`)),
  );
  return {
    name: bundle.name,
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    pulls,
    // opwire's own modules in the bundle, as `package/file` (for example `client-sdk/httpApi.js`)
    modules: inputs.flatMap((path) => {
      const match = /packages\/([^/]+)\/dist\/(.+)$/.exec(path);
      return match ? [`${match[1]}/${match[2]}`] : [];
    }),
  };
}

export async function measureAll() {
  const results = [];
  for (const bundle of BUNDLES) results.push({ ...(await measure(bundle)), what: bundle.what });
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await measureAll();
  console.log('| bundle | what | minified | gzip | pulls in |');
  console.log('| --- | --- | ---: | ---: | --- |');
  for (const r of results) {
    const kib = (r.gzip / 1024).toFixed(1);
    console.log(
      `| ${r.name} | ${r.what} | ${r.minified} B | ${r.gzip} B (${kib} KiB) | ${r.pulls.join(', ') || '—'} |`,
    );
  }
}
