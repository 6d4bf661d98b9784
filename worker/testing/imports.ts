// An upload through the real imports route, polled until its job ends: the one helper the import tests share
// instead of each writing its own post-and-poll.
import { expect } from 'vitest';
import type { Harness } from './harness';

export interface UploadOptions {
  /** The file's name as the athlete's browser sends it. */
  filename: string;
  /** Sent as a form's file field (the Settings → Data form) rather than a raw body. */
  multipart?: boolean;
  timeoutMs?: number;
}

/** Uploads `bytes`, expects 202, and waits until the job is `done` or `error`; answers the job as the API reads it. */
export async function importAndWait<Job extends { id: string; status: string }>(
  h: Harness,
  cookie: string,
  bytes: Uint8Array,
  { filename, multipart = false, timeoutMs = 45_000 }: UploadOptions,
): Promise<Job> {
  let res: Response;
  if (multipart) {
    const form = new FormData();
    form.set('file', new File([new Uint8Array(bytes)], filename));
    res = await h.call('/api/v1/imports', { method: 'POST', cookie, body: form });
  } else
    res = await h.call(`/api/v1/imports?filename=${encodeURIComponent(filename)}`, {
      method: 'POST',
      body: bytes,
      cookie,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
    });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as Job;
  let job: Job | undefined;
  await expect
    .poll(
      async () => {
        job = (await h.json<Job>(`/api/v1/imports/${id}`, { cookie })).body;
        return job.status;
      },
      { timeout: timeoutMs, interval: 150 },
    )
    .toMatch(/^(done|error)$/);
  return job!;
}
