// The export job's checkpoints in R2: one object per checkpoint, a length-prefixed JSON head (the zip's central
// records and the manifest so far) followed by the bytes not yet sent as a part.
import type { ManifestFile } from './manifest';
import type { ZipState } from './zip-writer';

export interface Checkpoint {
  seq: number;
  zip: ZipState;
  files: ManifestFile[];
}

export const checkpointKey = (userId: string, requestId: string, seq: number) => `privacy-exports/${userId}/${requestId}.checkpoint-${seq}`;

/** The checkpoint `seq` names, or null when there is none or it is not the one named (then the job starts over). */
export async function readCheckpoint(
  bucket: R2Bucket,
  userId: string,
  requestId: string,
  seq: number,
): Promise<(Checkpoint & { carry: Uint8Array }) | null> {
  if (seq === 0) return null;
  const obj = await bucket.get(checkpointKey(userId, requestId, seq));
  if (!obj) return null;
  const bytes = new Uint8Array(await obj.arrayBuffer());
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  const head = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as Checkpoint;
  return head.seq === seq ? { ...head, carry: bytes.slice(4 + length) } : null;
}

export async function writeCheckpoint(bucket: R2Bucket, userId: string, requestId: string, ck: Checkpoint, carry: Uint8Array) {
  const head = new TextEncoder().encode(JSON.stringify(ck));
  const out = new Uint8Array(4 + head.length + carry.length);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  out.set(carry, 4 + head.length);
  await bucket.put(checkpointKey(userId, requestId, ck.seq), out);
}

export async function deleteCheckpoints(bucket: R2Bucket, userId: string, requestId: string): Promise<void> {
  const prefix = `privacy-exports/${userId}/${requestId}.checkpoint-`;
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor });
    if (page.objects.length) await bucket.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}
