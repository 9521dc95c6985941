import { OpwireError } from '@opwire/protocol';
import { describe, expect, it } from 'vitest';
import { requireOptionalPeer } from '../optionalPeer.js';

// The packed-tarball test (tests/repo/packedConsumers.test.ts) checks the same with the real
// Redis, JWKS and prom-client packages left out of a fresh install.
describe('requireOptionalPeer', () => {
  it('loads an installed peer', () => {
    const prom = requireOptionalPeer<{ Registry: unknown }>('prom-client', 'a test');
    expect(typeof prom.Registry).toBe('function');
  });

  it('names a package that is not installed, and how to install it', () => {
    let thrown: unknown;
    try {
      requireOptionalPeer('opwire-not-a-real-package', 'someFeature()');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OpwireError);
    expect(thrown).toMatchObject({
      code: 'invalid_option',
      message:
        'someFeature() needs the package "opwire-not-a-real-package", which is not installed. Install it next to @opwire/server: npm install opwire-not-a-real-package',
    });
    expect((thrown as Error).cause).toMatchObject({ code: 'MODULE_NOT_FOUND' });
  });
});
