// `npm run demo`: builds what the demo needs (the SDK packages, the shared demo
// kit, the React and Vue pages), skipping what is already up to date, then starts
// the Express example on an in-memory store and says what to click.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const port = process.env.PORT ?? '3000';

// [what, workspace folder, a file its build writes, the folders of what it uses]
const steps = [
  ['@opwire/protocol', 'packages/protocol', 'dist/index.js', []],
  ['@opwire/server', 'packages/server-sdk', 'dist/index.js', ['packages/protocol']],
  ['@opwire/client', 'packages/client-sdk', 'dist/index.js', ['packages/protocol']],
  ['@opwire/react', 'packages/react-bindings', 'dist/index.js', ['packages/client-sdk']],
  ['the demo kit', 'examples/demo-kit', 'dist/index.js', ['packages/server-sdk']],
  ['the React demo page', 'examples/react-app', 'dist/index.html', ['packages/react-bindings']],
  ['the Vue page', 'examples/vue', 'dist/index.html', ['packages/client-sdk', 'examples/demo-kit']],
  [
    'the Svelte page',
    'examples/svelte',
    'dist/index.html',
    ['packages/client-sdk', 'examples/demo-kit'],
  ],
];

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** The newest modification time under a folder, outside node_modules and dist. */
function newest(path) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === '__tests__') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const builtAt = new Map();
for (const [name, folder, output, uses] of steps) {
  const built = mtime(join(folder, output));
  const inputs = Math.max(newest(folder), ...uses.map((used) => builtAt.get(used) ?? 0));
  // Rebuilt when missing, older than its sources, or older than a package it uses.
  if (built > 0 && built >= inputs) {
    builtAt.set(folder, built);
    continue;
  }
  console.log(`▶ building ${name}`);
  const result = spawnSync('npm', ['run', 'build', '--silent', '-w', folder], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✖ building ${name} failed`);
    process.exit(result.status ?? 1);
  }
  builtAt.set(folder, mtime(join(folder, output)));
}

const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  cwd: 'examples/express',
  env: { ...process.env, PORT: port },
  stdio: ['ignore', 'pipe', 'inherit'],
});

server.stdout.on('data', (chunk) => {
  const text = chunk.toString();
  if (!text.includes('listening on')) {
    process.stdout.write(text);
    return;
  }
  const url = `http://localhost:${port}`;
  console.log(`
  opwire demo: ${url}   (Express, in-memory store, no Redis needed)

  1. Open ${url} and click "Log in as Alice".
  2. Click "Start import": watch the stages, the percent, the time left and the toast.
     When it finishes, the users table on the right reloads by itself.
  3. Start another one and reload the page half way: its progress comes back.
     "Cancel" stops an import; "Start an import that fails" shows the failure path.
  4. In a private window, log in as Carol (tenant Globex): she sees none of Alice's
     imports. Bob (tenant Acme, like Alice) sees them live.

  The same import in Vue: ${url}/vue/ and in Svelte: ${url}/svelte/
  Press Ctrl+C to stop.
`);
});

server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
