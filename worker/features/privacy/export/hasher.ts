// SHA-256 over a stream, in the worker: workerd's DigestStream hashes natively, chunk by chunk, so a large
// original is never held whole to be hashed.
import { toHex } from '../../../lib/crypto';
import type { Hasher } from './zip-writer';

export function digestStreamHasher(): Hasher {
  const stream = new DigestStream('SHA-256');
  const writer = stream.getWriter();
  return {
    update: (bytes) => writer.write(bytes),
    async digest() {
      await writer.close();
      return toHex(await stream.digest);
    },
  };
}
