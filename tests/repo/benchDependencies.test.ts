import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `npm install && npm run bench` on a fresh clone must not depend on a
// workspace's dependencies being hoisted to the root: every package the bench
// imports is declared by the root package.json, or is one of the workspaces.

const root = fileURLToPath(new URL('../..', import.meta.url));

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return scripts(path);
    return entry.name.endsWith('.mjs') ? [path] : [];
  });
}

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

describe('bench dependencies', () => {
  it('declares every package the bench imports in the root package.json', () => {
    const manifest = readJson(join(root, 'package.json'));
    const declared = new Set([
      ...Object.keys((manifest.dependencies ?? {}) as object),
      ...Object.keys((manifest.devDependencies ?? {}) as object),
    ]);
    const workspaces = new Set(
      ['protocol', 'server-sdk', 'client-sdk', 'react-bindings'].map(
        (dir) => readJson(join(root, 'packages', dir, 'package.json')).name as string,
      ),
    );
    const imports = /(?:\bfrom\s+|\bimport\s*\(\s*)'([^'.][^']*)'/g;
    const missing: string[] = [];
    for (const file of scripts(join(root, 'bench'))) {
      for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(imports)) {
        if (specifier.startsWith('node:')) continue;
        const name = packageOf(specifier);
        if (!declared.has(name) && !workspaces.has(name))
          missing.push(`${name} (${relative(root, file)})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
