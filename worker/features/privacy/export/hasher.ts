// SHA-256 over a stream, in the worker: workerd's DigestStream hashes natively, chunk by chunk, so a large
// original is never held whole to be hashed.
import { toHex } from '../../../lib/crypto';
import type { Hasher } from './zip-writer';

export function digestStreamHasher(): Hasher {
  // workerd hangs the class on `crypto` (crypto.DigestStream), not on the global scope.
  const Digest = (crypto as unknown as { DigestStream: typeof DigestStream }).DigestStream;
  const stream = new Digest('SHA-256');
  const writer = stream.getWriter();
  return {
    update: (bytes) => writer.write(bytes),
    async digest() {
      await writer.close();
      return toHex(await stream.digest);
    },
  };
}
