import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { OpwireError } from '@opwire/protocol';

/**
 * Turns key material into the `KeyObject` jsonwebtoken would derive from it,
 * in the same order (a public key if it parses as one, else a secret), once:
 * handed a string or a Buffer, jsonwebtoken repeats that parse on every verify,
 * and a failed public-key parse costs far more than the verify itself.
 */
export function verificationKey(material: string | Buffer): KeyObject {
  try {
    return createPublicKey(material);
  } catch {
    try {
      return createSecretKey(typeof material === 'string' ? Buffer.from(material) : material);
    } catch (error) {
      throw new OpwireError('invalid_option', 'jwtAuth: the key is not valid key material.', {
        cause: error,
      });
    }
  }
}
