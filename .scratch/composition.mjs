import { build } from 'esbuild';
const root = '/work/wt-poll/';
const r = await build({ stdin: { contents: process.argv[2] ?? `export { createOpwireClient } from '@opwire/client';`, resolveDir: `${root}packages/react-bindings`, loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, metafile: true, logLevel: 'error' });
const [out] = Object.values(r.metafile.outputs);
const rows = Object.entries(out.inputs).map(([k, v]) => [k.replace(/.*node_modules\//, 'nm/').replace(/.*packages\//, ''), v.bytesInOutput]).filter(r => r[1] > 0).sort((a, b) => b[1] - a[1]);
let groups = {};
for (const [k, b] of rows) { const g = k.startsWith('nm/') ? k.split('/').slice(1, 2).join('/') : k.split('/')[0]; groups[g] = (groups[g] ?? 0) + b; }
console.log(groups);
for (const [k, b] of rows) if (!k.startsWith('nm/')) console.log(String(b).padStart(6), k);
