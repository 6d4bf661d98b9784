// The re-import tests' steps: upload an archive as the athlete's browser does, and wait for its import to finish.
import { expect } from 'vitest';
import type { Harness } from '../../../testing/harness';

/** What every re-import view has; each test file reads more of it. */
type Reimport = { id: string; status: string; error: string | null };

/** POSTs the zip to /api/v1/privacy/reimports as the signed-in athlete. */
export const uploadArchive = <V extends Reimport>(h: Harness, cookie: string, zip: Uint8Array) =>
  h.json<V>('/api/v1/privacy/reimports', {
    body: zip,
    cookie,
    headers: { 'content-type': 'application/zip', 'content-length': String(zip.length) },
  });

/** Uploads the zip (accepted with a 202) and waits up to `timeoutMs` for its import to end without an error. */
export async function reimportFinished<V extends Reimport>(h: Harness, cookie: string, zip: Uint8Array, timeoutMs: number): Promise<V> {
  const r = await uploadArchive<V>(h, cookie, zip);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  let last: V | undefined;
  await expect
    .poll(
      async () => {
        last = (await h.json<{ reimports: V[] }>('/api/v1/privacy/reimports', { cookie })).body.reimports.find((x) => x.id === r.body.id);
        return last?.status;
      },
      { timeout: timeoutMs, interval: 200 },
    )
    .toMatch(/^(done|failed)$/);
  expect(last!.error).toBeNull();
  return last!;
}
