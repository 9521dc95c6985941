import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The packages the bench imports, with the files their build must produce. */
const PACKAGES = [
  { name: '@opwire/protocol', dir: 'packages/protocol', outputs: ['dist/index.js'] },
  {
    name: '@opwire/server',
    dir: 'packages/server-sdk',
    outputs: ['dist/index.js', 'dist/redis/index.js'],
  },
  { name: '@opwire/client', dir: 'packages/client-sdk', outputs: ['dist/index.js'] },
];
const INPUTS = ['src', 'package.json', 'tsup.config.ts', 'tsconfig.json'];

/**
 * Makes sure the bench runs against built packages: builds them when dist is
 * missing or older than the sources. With `build` false it never builds: a
 * missing dist is an error saying how to build, an older one a warning.
 *
 * @param {string} root repository root
 * @param {{ build: boolean, log: (line: string) => void }} options
 */
export function ensureBuilt(root, { build, log }) {
  const missing = PACKAGES.filter((pkg) => !isBuilt(join(root, pkg.dir), pkg.outputs));
  const stale = PACKAGES.filter((pkg) => isStale(join(root, pkg.dir), pkg.outputs));
  if (stale.length === 0) return;
  if (!build) {
    if (missing.length > 0) {
      throw new Error(
        `The bench runs against the built packages, and ${missing.map((pkg) => `${pkg.dir}/dist`).join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing. Run \`npm run build\` first.`,
      );
    }
    log(`warning: ${stale.map((pkg) => pkg.name).join(', ')} dist is older than the sources`);
    return;
  }
  for (const pkg of PACKAGES) {
    log(`building ${pkg.name}…`);
    const result = spawnSync('npm', ['run', 'build', '--silent', '-w', pkg.name], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (result.status !== 0) throw new Error(`building ${pkg.name} failed`);
  }
}

/**
 * @param {string} dir
 * @param {string[]} outputs
 */
function isBuilt(dir, outputs) {
  return outputs.every((output) => existsSync(join(dir, output)));
}

/**
 * @param {string} dir
 * @param {string[]} outputs
 */
function isStale(dir, outputs) {
  if (!isBuilt(dir, outputs)) return true;
  const outputPaths = outputs.map((output) => join(dir, output));
  const builtAt = Math.min(...outputPaths.map((path) => statSync(path).mtimeMs));
  return INPUTS.some((input) => newestChange(join(dir, input)) > builtAt);
}

/** @param {string} path */
function newestChange(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === '__tests__') continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}
