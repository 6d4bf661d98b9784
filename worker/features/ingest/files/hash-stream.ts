// The streaming content hash of GPX/TCX files (their externalIds), over workerd's DigestStream, so a
// file's text is never held to be hashed. Apart from common.ts because Node has no DigestStream.
import { ownBuffer, toHex } from '../../../lib/crypto.ts';

// workerd's streaming digest (crypto.DigestStream); the DOM typings of `crypto` do not know it.
type WorkersCrypto = Crypto & { DigestStream: typeof DigestStream };

/** Incremental SHA-256 for files parsed as they stream (GPX/TCX), so their text is never held. */
export function sha256Stream(): { write(chunk: Uint8Array): Promise<void>; hex(): Promise<string> } {
  const stream = new (crypto as WorkersCrypto).DigestStream('SHA-256');
  const writer = stream.getWriter();
  return {
    write: (chunk) => writer.write(ownBuffer(chunk)),
    hex: async () => {
      await writer.close();
      return toHex(new Uint8Array(await stream.digest));
    },
  };
}
