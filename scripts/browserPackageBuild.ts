// The tsup build of a package that browsers import. Its ES modules keep one file per
// source module, so that with `"sideEffects": false` a bundler drops every module an app
// does not use (the transport, the validator) instead of keeping a single file whole.
// The CommonJS build, for Node, stays one bundled file.
import { rmSync } from 'node:fs';
import type { Options } from 'tsup';

/** tsup options for a browser-facing package: unbundled ESM plus a bundled CommonJS file. */
export function browserPackageBuild(extra: Pick<Options, 'external' | 'banner'> = {}): Options[] {
  rmSync('dist', { recursive: true, force: true });
  const shared: Options = { sourcemap: true, clean: false, target: 'es2022', ...extra };
  return [
    {
      ...shared,
      entry: ['src/**/*.ts', 'src/**/*.tsx', '!src/**/__tests__/**'],
      format: ['esm'],
      bundle: false,
      dts: { entry: { index: 'src/index.ts' } },
    },
    { ...shared, entry: { index: 'src/index.ts' }, format: ['cjs'], dts: true },
  ];
}
