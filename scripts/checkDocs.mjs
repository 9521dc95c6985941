// `npm run check:docs`: type-checks every ```ts and ```tsx block of the docs
// (docs/**/*.md and packages/*/README.md) against the package sources, in one
// tsc run. A block whose info string contains `no-check` is skipped. A block
// may `declare` what it needs (`declare const app: import('express').Express;`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.test-results', 'docs');

/** Markdown files whose blocks are checked, relative to the repository root. */
function markdownFiles() {
  const files = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) files.push(path);
    }
  };
  walk(join(root, 'docs'));
  for (const entry of readdirSync(join(root, 'packages'), { withFileTypes: true })) {
    const readme = join(root, 'packages', entry.name, 'README.md');
    if (entry.isDirectory() && existsSync(readme)) files.push(readme);
  }
  return files.map((file) => relative(root, file)).sort();
}

/**
 * The ts/tsx fenced blocks of one markdown text, numbered in order (no-check ones
 * included, so "block 3" is the third ts/tsx block), with the line each body starts on.
 */
function codeBlocks(text) {
  const blocks = [];
  const lines = text.split('\n');
  let open = null;
  lines.forEach((line, index) => {
    if (open === null) {
      const start = /^ {0,3}(`{3,}|~{3,})\s*([^`]*)$/.exec(line);
      if (start === null) return;
      const info = start[2].trim();
      const language = info.split(/\s+/)[0] ?? '';
      open = { fence: start[1], info, language, firstLine: index + 2, body: [] };
      return;
    }
    const close = new RegExp(`^ {0,3}${open.fence[0]}{${open.fence.length},}\\s*$`).exec(line);
    if (close === null) {
      open.body.push(line);
      return;
    }
    if (['ts', 'tsx', 'typescript'].includes(open.language)) {
      const skip = /\bno-check\b/.test(open.info);
      blocks.push({ ...open, skip, extension: open.language === 'tsx' ? 'tsx' : 'ts' });
    }
    open = null;
  });
  return blocks;
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

/** Generated file name → where its block came from. */
const origins = new Map();
for (const file of markdownFiles()) {
  const blocks = codeBlocks(readFileSync(join(root, file), 'utf8'));
  blocks.forEach((block, index) => {
    if (block.skip) return;
    const name = `${file.replace(/\.md$/, '').replace(/[\\/]/g, '__')}-${index + 1}.${block.extension}`;
    // `export {}` makes every block a module, so blocks never share declarations.
    writeFileSync(join(outDir, name), `${block.body.join('\n')}\nexport {};\n`);
    origins.set(name, { file, block: index + 1, firstLine: block.firstLine });
  });
}

if (origins.size === 0) {
  console.log('check:docs: no ts/tsx blocks found.');
  process.exit(0);
}

const tsconfig = {
  extends: relative(outDir, join(root, 'tsconfig.base.json')),
  compilerOptions: {
    noEmit: true,
    noUnusedLocals: false,
    noUnusedParameters: false,
    // Nest's decorators in the @opwire/nest docs are TypeScript's legacy ones.
    experimentalDecorators: true,
    baseUrl: relative(outDir, root),
    paths: {
      '@opwire/protocol': ['packages/protocol/src/index.ts'],
      '@opwire/server': ['packages/server-sdk/src/index.ts'],
      '@opwire/server/redis': ['packages/server-sdk/src/redis/index.ts'],
      '@opwire/server/prom-client': ['packages/server-sdk/src/promClient/index.ts'],
      '@opwire/server/fastify': ['packages/server-sdk/src/fastify/index.ts'],
      '@opwire/server/express': ['packages/server-sdk/src/express/index.ts'],
      '@opwire/client': ['packages/client-sdk/src/index.ts'],
      '@opwire/react': ['packages/react-bindings/src/index.ts'],
      '@opwire/nest': ['packages/nest/src/index.ts'],
    },
  },
  files: [...origins.keys()],
};
writeFileSync(join(outDir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);

const tsc = spawnSync(
  'npx',
  ['--no-install', 'tsc', '-p', join(outDir, 'tsconfig.json'), '--pretty', 'false'],
  { cwd: root, encoding: 'utf8' },
);
if (tsc.error) {
  console.error(`check:docs: could not run tsc: ${tsc.error.message}`);
  process.exit(1);
}

// Errors look like `path/to/file.ts(line,col): error TS1234: message`, continued on indented lines.
const failed = new Map();
let current = null;
for (const line of `${tsc.stdout}${tsc.stderr}`.split('\n')) {
  const match = /^(.*?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
  if (match) {
    const [, path, row, column, code, message] = match;
    const generated = relative(outDir, resolve(root, path));
    const origin = origins.get(generated);
    const where = origin
      ? `${origin.file}:${origin.firstLine + Number(row) - 1}:${column} (block ${origin.block})`
      : `${path}:${row}:${column}`;
    current = { text: `  ${where} ${code}: ${message}` };
    const key = origin ? `${origin.file} block ${origin.block}` : path;
    if (!failed.has(key)) failed.set(key, []);
    failed.get(key).push(current);
  } else if (current && line.startsWith(' ') && line.trim() !== '') {
    current.text += `\n  ${line}`;
  } else if (line.trim() !== '' && !match) {
    current = null;
    if (!failed.has('tsc')) failed.set('tsc', []);
    failed.get('tsc').push({ text: `  ${line}` });
  }
}

const files = new Set([...origins.values()].map((origin) => origin.file));
if (tsc.status === 0 && failed.size === 0) {
  console.log(`check:docs: ${origins.size} blocks in ${files.size} files type-check.`);
  process.exit(0);
}
for (const [key, errors] of failed) {
  console.error(`✖ ${key}`);
  for (const error of errors) console.error(error.text);
}
const blocksFailed = [...failed.keys()].filter((key) => key !== 'tsc').length;
console.error(
  `check:docs: ${blocksFailed} of ${origins.size} blocks failed to type-check (generated files in ${relative(root, outDir)}).`,
);
process.exit(1);
