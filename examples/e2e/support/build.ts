// Builds what an example needs before its test starts it, once, even when
// several test files (separate processes) ask at the same time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { repoPath } from './paths.js';

interface BuildTarget {
  /** npm workspace name or folder, for `npm run build -w`. */
  workspace: string;
  /** Folders and files whose changes call for a new build (relative to the repo root). */
  sources: string[];
  /** A file the build writes (relative to the repo root). */
  output: string;
}

const PACKAGES: BuildTarget[] = ['protocol', 'server-sdk', 'client-sdk', 'react-bindings'].map(
  (name) => ({
    workspace: `packages/${name}`,
    sources: [`packages/${name}/src`, `packages/${name}/package.json`],
    output: `packages/${name}/dist/index.js`,
  }),
);

/** The Nest module, built for the Nest example only. */
const NEST_PACKAGE: BuildTarget = {
  workspace: 'packages/nest',
  sources: ['packages/nest/src', 'packages/nest/package.json', 'packages/server-sdk/dist'],
  output: 'packages/nest/dist/index.js',
};

const EXAMPLES: Record<string, BuildTarget> = {
  'demo-kit': {
    workspace: 'examples/demo-kit',
    sources: ['examples/demo-kit/src', 'packages/server-sdk/dist'],
    output: 'examples/demo-kit/dist/index.js',
  },
  nest: {
    workspace: 'examples/nest',
    sources: [
      'examples/nest/src',
      'examples/nest/tsconfig.json',
      'examples/demo-kit/dist',
      'packages/nest/dist',
    ],
    output: 'examples/nest/dist/main.js',
  },
  nextjs: {
    workspace: 'examples/nextjs',
    sources: [
      'examples/nextjs/app',
      'examples/nextjs/lib',
      'examples/nextjs/next.config.mjs',
      'examples/nextjs/package.json',
      'packages/react-bindings/dist',
      'packages/server-sdk/dist',
    ],
    output: 'examples/nextjs/.next/BUILD_ID',
  },
  'react-app': {
    workspace: 'examples/react-app',
    sources: [
      'examples/react-app/src',
      'examples/react-app/index.html',
      'packages/react-bindings/dist',
    ],
    output: 'examples/react-app/dist/index.html',
  },
  vue: {
    workspace: 'examples/vue',
    sources: [
      'examples/vue/src',
      'examples/vue/index.html',
      'packages/client-sdk/dist',
      'examples/demo-kit/dist',
      'examples/demo-kit/src/browser',
    ],
    output: 'examples/vue/dist/index.html',
  },
  svelte: {
    workspace: 'examples/svelte',
    sources: [
      'examples/svelte/src',
      'examples/svelte/index.html',
      'packages/client-sdk/dist',
      'examples/demo-kit/dist',
      'examples/demo-kit/src/browser',
    ],
    output: 'examples/svelte/dist/index.html',
  },
};

export type ExampleBuild = keyof typeof EXAMPLES;

/**
 * Makes sure the SDK packages (those whose dist is missing or older than
 * their sources) and the given examples are built.
 */
export async function ensureBuilt(...examples: ExampleBuild[]): Promise<void> {
  const packages = [
    ...(examples.includes('react-app') || examples.includes('nextjs')
      ? PACKAGES
      : PACKAGES.slice(0, 3)),
    ...(examples.includes('nest') ? [NEST_PACKAGE] : []),
  ];
  await withLock(async () => {
    for (const target of [...packages, EXAMPLES['demo-kit'], ...examples.map((e) => EXAMPLES[e])]) {
      if (target && isStale(target)) build(target);
    }
  });
}

function build(target: BuildTarget): void {
  const result = spawnSync('npm', ['run', 'build', '--silent', '-w', target.workspace], {
    cwd: repoPath(),
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`Building ${target.workspace} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

function isStale(target: BuildTarget): boolean {
  const built = mtime(repoPath(target.output));
  if (built === 0) return true;
  return target.sources.some((source) => newest(repoPath(source)) > built);
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function newest(path: string): number {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === '__tests__') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

/** A lock folder shared by the test processes; a lock older than 5 minutes is stale. */
async function withLock(work: () => Promise<void>): Promise<void> {
  const lock = repoPath('examples/e2e/.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - mtime(lock) > 300_000) rmSync(lock, { recursive: true, force: true });
      else await delay(100);
    }
  }
  try {
    await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
