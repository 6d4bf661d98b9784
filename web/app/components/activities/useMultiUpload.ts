import { useRevalidator } from '@remix-run/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatBytes, formatLimit, skipReason, type UploadLimits } from '~/utils/imports';

export type FileStatus = 'queued' | 'importing' | 'done' | 'duplicate' | 'failed';
export interface FileItem {
  key: string;
  name: string;
  status: FileStatus;
  /** What happened, in words: "2 activities imported", the reason it failed. */
  detail: string;
}

interface ImportJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'error';
  imported: number;
  duplicates: number;
  skipped: { name: string; reason: string; detail?: string }[];
  error: string | null;
}

// Two files in flight at once: dozens go through steadily without crowding the athlete's import queue.
const PARALLEL = 2;
const POLL_MS = 1000;

async function errorOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // Not our JSON.
  }
  return res.status === 413 ? 'The file is too large to upload.' : `The upload failed (HTTP ${res.status}).`;
}

/** The outcome of a finished import job, as the progress view says it. */
export function outcomeOf(job: ImportJob): Pick<FileItem, 'status' | 'detail'> {
  if (job.status === 'error') return { status: 'failed', detail: job.error ?? 'The file could not be imported.' };
  if (job.imported > 0) return { status: 'done', detail: `${job.imported} ${job.imported === 1 ? 'activity' : 'activities'} imported` };
  if (job.duplicates > 0) return { status: 'duplicate', detail: 'Already in your activities' };
  const first = job.skipped[0];
  return { status: 'failed', detail: first ? `Not imported: ${first.detail?.trim() || skipReason(first.reason)}` : 'No activity in it' };
}

/**
 * Several files through the one upload API (`/api/v1/imports`, which parses them as any upload): each is
 * sent, then its import job followed until it is done, with one status per file.
 */
export function useMultiUpload(limits: UploadLimits) {
  const [items, setItems] = useState<FileItem[]>([]);
  const files = useRef(new Map<string, File>());
  const running = useRef(0);
  const queue = useRef<string[]>([]);
  const alive = useRef(true);
  const { revalidate } = useRevalidator();
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const update = useCallback((key: string, patch: Partial<FileItem>) => {
    if (alive.current) setItems((prev) => prev.map((it) => (it.key === key ? { ...it, ...patch } : it)));
  }, []);

  const follow = useCallback(async (id: string): Promise<ImportJob> => {
    for (;;) {
      const res = await fetch(`/api/v1/imports/${id}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok) throw new Error(await errorOf(res));
      const job = (await res.json()) as ImportJob;
      if (job.status === 'done' || job.status === 'error') return job;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }, []);

  const pump = useCallback(
    function pump() {
      while (running.current < PARALLEL && queue.current.length > 0) {
        const key = queue.current.shift()!;
        const file = files.current.get(key)!;
        running.current++;
        update(key, { status: 'importing', detail: 'Uploading…' });
        void (async () => {
          try {
            const res = await fetch(`/api/v1/imports?filename=${encodeURIComponent(file.name.slice(0, 200))}`, {
              method: 'POST',
              headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
              credentials: 'same-origin',
              body: file,
            });
            if (res.status !== 202) throw new Error(await errorOf(res));
            const { id } = (await res.json()) as { id: string };
            update(key, { detail: 'Importing…' });
            update(key, outcomeOf(await follow(id)));
          } catch (err) {
            update(key, { status: 'failed', detail: (err as Error).message || 'The upload failed.' });
          } finally {
            running.current--;
            files.current.delete(key);
            if (queue.current.length > 0) pump();
            else if (running.current === 0) revalidate();
          }
        })();
      }
    },
    [follow, update, revalidate],
  );

  const add = useCallback(
    (list: FileList | File[]) => {
      const added: FileItem[] = [];
      for (const file of Array.from(list)) {
        const key = crypto.randomUUID();
        if (file.size === 0) added.push({ key, name: file.name, status: 'failed', detail: 'The file is empty.' });
        else if (file.size > limits.rawBytes)
          added.push({
            key,
            name: file.name,
            status: 'failed',
            detail: `${formatBytes(file.size)}; files up to ${formatLimit(limits.rawBytes)} can be imported.`,
          });
        else {
          files.current.set(key, file);
          added.push({ key, name: file.name, status: 'queued', detail: 'Waiting' });
          queue.current.push(key);
        }
      }
      setItems((prev) => [...prev, ...added]);
      pump();
    },
    [limits.rawBytes, pump],
  );

  const clear = useCallback(() => setItems((prev) => prev.filter((it) => it.status === 'queued' || it.status === 'importing')), []);
  return { items, add, clear };
}
