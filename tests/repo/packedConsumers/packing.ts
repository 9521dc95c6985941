import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Packing the workspace packages and installing them into fresh projects, for the packed-tarball tests. */

export const root = fileURLToPath(new URL('../../..', import.meta.url));
const tscBin = join(root, 'node_modules/typescript/bin/tsc');

export interface PackageInfo {
  name: string;
  dir: string;
  built: string[];
}

const both = (entry: string) => [`${entry}.js`, `${entry}.cjs`, `${entry}.d.ts`, `${entry}.d.cts`];

export const packages: PackageInfo[] = [
  { name: '@opwire/protocol', dir: 'packages/protocol', built: both('index') },
  {
    name: '@opwire/server',
    dir: 'packages/server-sdk',
    built: [...both('index'), ...both('redis/index'), ...both('prom-client/index')],
  },
  { name: '@opwire/client', dir: 'packages/client-sdk', built: both('index') },
  { name: '@opwire/react', dir: 'packages/react-bindings', built: both('index') },
  { name: '@opwire/nest', dir: 'packages/nest', built: both('index') },
];

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** The environment of child processes, without the npm_* variables of an enclosing `npm test`. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
  }
  return { ...env, ...extra };
}

export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: Record<string, string> },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        cwd: options.cwd,
        timeout: options.timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        env: childEnv(options.env),
      },
      (error, stdout, stderr) => {
        if (error) {
          const reason = error.killed ? `timed out after ${options.timeoutMs} ms` : error.message;
          reject(
            new Error(
              `\`${[command, ...args].join(' ')}\` in ${options.cwd} failed: ${reason}\n` +
                `--- stdout\n${stdout}\n--- stderr\n${stderr}`,
            ),
          );
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Compiles a project of the temp directory with the workspace's TypeScript compiler. */
export function compile(cwd: string, config: string): Promise<RunResult> {
  return run(process.execPath, [tscBin, '-p', config, '--pretty', 'false'], {
    cwd,
    timeoutMs: 150_000,
  });
}

/** Runs the workspace's TypeScript compiler on a project of the temp directory. */
function typeCheck(cwd: string, config: string): Promise<RunResult> {
  return run(process.execPath, [tscBin, '-p', config, '--noEmit', '--pretty', 'false'], {
    cwd,
    timeoutMs: 150_000,
  });
}

/** Runs every type-check to its end and reports all failures together. */
export async function typeCheckAll(checks: Array<[cwd: string, config: string]>): Promise<void> {
  const outcomes = await Promise.allSettled(checks.map(([cwd, config]) => typeCheck(cwd, config)));
  const failures = outcomes.flatMap((outcome) =>
    outcome.status === 'rejected'
      ? [outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)]
      : [],
  );
  if (failures.length > 0) throw new Error(failures.join('\n\n'));
}

export async function install(cwd: string): Promise<void> {
  try {
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
      { cwd, timeoutMs: 150_000 },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Installing the packed tarballs into ${cwd} failed. Is the npm registry reachable?\n${message}`,
    );
  }
}

/** What `npm pack` made of each package: its tarball and the files in it. */
export interface Packed {
  tarball: string;
  files: string[];
}

/**
 * Checks the packages are built, makes a temp directory outside the
 * repository, packs every package into it and checks the registry answers.
 */
export async function packIntoTempDir(prefix: string): Promise<{
  work: string;
  packed: Map<string, Packed>;
}> {
  for (const pkg of packages) {
    for (const file of pkg.built) {
      const path = join(root, pkg.dir, 'dist', file);
      if (!existsSync(path)) {
        throw new Error(
          `${pkg.name} is not built (${relative(root, path)} is missing): run \`npm run build\` first.`,
        );
      }
    }
  }
  const work = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  if (!relative(root, work).startsWith('..')) {
    throw new Error(`The temp directory ${work} is inside the repository; set TMPDIR elsewhere.`);
  }
  const packDir = join(work, 'tarballs');
  mkdirSync(packDir);
  const workspaceArgs = packages.flatMap(({ name }) => ['-w', name]);
  const output = await run(
    'npm',
    ['pack', '--json', '--pack-destination', packDir, '--loglevel=error', ...workspaceArgs],
    { cwd: root, timeoutMs: 60_000 },
  );
  const entries = JSON.parse(output.stdout) as Array<{
    name: string;
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const packed = new Map<string, Packed>();
  for (const entry of entries) {
    packed.set(entry.name, {
      tarball: join(packDir, entry.filename),
      files: entry.files.map((file) => file.path),
    });
  }
  for (const { name } of packages) {
    const tarball = packed.get(name)?.tarball;
    if (!tarball || !existsSync(tarball))
      throw new Error(`npm pack produced no tarball for ${name}`);
  }
  try {
    await run('npm', ['ping', '--loglevel=error'], { cwd: work, timeoutMs: 20_000 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`The npm registry is not reachable; this test needs it.\n${message}`);
  }
  return { work, packed };
}

/** A `file:` dependency on a packed tarball, relative to the project that installs it. */
export function fileDep(packed: Map<string, Packed>, name: string, project: string): string {
  const tarball = packed.get(name)?.tarball;
  if (!tarball) throw new Error(`No tarball was packed for ${name}`);
  return `file:${relative(project, tarball)}`;
}
