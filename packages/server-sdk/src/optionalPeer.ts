import { OpwireError } from '@opwire/protocol';

// Node's own `createRequire`, taken from the running process rather than imported: a bundler
// that bundles opwire (Next.js does for route handlers) turns an imported one into its own
// require, which cannot load a package named at run time. Resolved from where opwire's code
// is, so the app's copy of each peer is found.
const { createRequire } = process.getBuiltinModule('node:module');
const requireFromHere = createRequire(import.meta.url);

/**
 * Loads an optional peer dependency when the feature that needs it is used.
 * A static import of a missing package fails while modules load, before any
 * opwire code runs, so nothing could say what to install; loaded here, a
 * missing package becomes an `invalid_option` error that names it.
 *
 * @param name the package, e.g. `'@socket.io/redis-adapter'`
 * @param neededBy what needs it, as the user wrote it, e.g. `'redisAdapter()'`
 */
export function requireOptionalPeer<TModule>(name: string, neededBy: string): TModule {
  try {
    return requireFromHere(name) as TModule;
  } catch (error) {
    if (!isMissing(error, name)) throw error;
    throw new OpwireError(
      'invalid_option',
      `${neededBy} needs the package "${name}", which is not installed. Install it next to @opwire/server: npm install ${name}`,
      { cause: error },
    );
  }
}

/** Whether the package itself is missing (not one of its own dependencies: a broken install). */
function isMissing(error: unknown, name: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    code === 'MODULE_NOT_FOUND' &&
    typeof message === 'string' &&
    message.startsWith(`Cannot find module '${name}'`)
  );
}
