// Summarises a V8 CPU profile (from `npm run bench -- --profile`):
// node bench/profileSummary.mjs FILE.cpuprofile [rows]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profileSummary.mjs FILE.cpuprofile [rows]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 25);
/** @type {{ nodes: Array<{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }>, samples: number[], startTime: number, endTime: number }} */
const profile = JSON.parse(readFileSync(file, 'utf8'));

/** @type {Map<number, number>} */
const parentOf = new Map();
/** @type {Map<number, string>} */
const nameOf = new Map();
for (const node of profile.nodes) {
  for (const child of node.children ?? []) parentOf.set(child, node.id);
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${shorten(url)}:${lineNumber + 1}` : '';
  nameOf.set(node.id, `${functionName || '(anonymous)'} ${where}`.trim());
}

/** @type {Map<string, number>} */
const self = new Map();
/** @type {Map<string, number>} */
const total = new Map();
for (const sample of profile.samples) {
  const own = nameOf.get(sample) ?? '?';
  self.set(own, (self.get(own) ?? 0) + 1);
  const seen = new Set();
  for (
    let id = /** @type {number | undefined} */ (sample);
    id !== undefined;
    id = parentOf.get(id)
  ) {
    const name = nameOf.get(id) ?? '?';
    if (seen.has(name)) continue;
    seen.add(name);
    total.set(name, (total.get(name) ?? 0) + 1);
  }
}

const count = profile.samples.length;
const ms = (profile.endTime - profile.startTime) / 1e3;
const idle = self.get('(idle)') ?? 0;
console.log(
  `${file}\n${count} samples over ${ms.toFixed(0)} ms, ${((1 - idle / count) * 100).toFixed(1)}% busy`,
);
for (const [title, table] of /** @type {const} */ ([
  ['self', self],
  ['total', total],
])) {
  console.log(`\ntop ${rows} by ${title} time (% of busy samples)`);
  const busy = count - idle;
  for (const [name, hits] of [...table].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    if (name.startsWith('(idle)') || name.startsWith('(root)')) continue;
    console.log(`${((hits / busy) * 100).toFixed(1).padStart(6)}%  ${name}`);
  }
}

/** @param {string} url */
function shorten(url) {
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('node_modules/');
  return inModules >= 0
    ? path.slice(inModules + 'node_modules/'.length)
    : relative(process.cwd(), path);
}
