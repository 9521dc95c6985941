import { fileURLToPath } from 'node:url';

/** Absolute path of a file or folder relative to the repository root. */
export const repoPath = (path = '.') => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** Absolute path inside `examples/`. */
export const examplePath = (path: string) => repoPath(`examples/${path}`);
