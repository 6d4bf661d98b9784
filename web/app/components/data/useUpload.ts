import { useCallback, useEffect, useRef, useState } from 'react';
import { useRevalidator } from '@remix-run/react';
import { formatBytes, formatLimit, type UploadLimits } from '~/utils/imports';

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; name: string; loaded: number; total: number }
  /** Sent; `id` is null until the server has stored the file and answered. */
  | { phase: 'processing'; name: string; id: string | null }
  | { phase: 'failed'; name: string; message: string }
  | { phase: 'cancelled'; name: string };

const UPLOAD_URL = '/api/v1/imports';
// The API refuses longer names; the server keeps 200 characters of a form upload's name as well.
const MAX_NAME = 200;

/** A long name shortened before its extension, which still shows ("my-very-lo….gpx"). */
function shortName(name: string): string {
  if (name.length <= MAX_NAME) return name;
  const ext = /\.[a-z0-9]{1,8}$/i.exec(name)?.[0] ?? '';
  // A cut between the halves of a surrogate pair would make encodeURIComponent throw.
  return `${name.slice(0, MAX_NAME - ext.length - 1).replace(/[\uD800-\uDBFF]$/, '')}…${ext}`;
}

function errorMessage(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string' && body.error.message) return body.error.message;
  } catch {
    // Not the API's JSON (a proxy's page, say): fall through to a plain message.
  }
  if (xhr.status === 413) return 'The file is too large to upload.';
  return `The upload failed (HTTP ${xhr.status}). Try again.`;
}

/**
 * Uploads one file as the raw request body, which the API streams to storage: unlike a form post it
 * isn't buffered whole, so it takes the largest exports, and XMLHttpRequest (unlike fetch) reports
 * upload progress. Once the job exists the page's loaders run again so the list shows it.
 */
export function useUpload(limits: UploadLimits) {
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const request = useRef<XMLHttpRequest | null>(null);
  const { revalidate } = useRevalidator();

  useEffect(() => () => request.current?.abort(), []);

  const start = useCallback(
    (file: File, onAccepted: () => void) => {
      const { name } = file;
      if (file.size === 0) return setState({ phase: 'failed', name, message: `${name} is empty.` });
      if (file.size > limits.rawBytes) {
        return setState({
          phase: 'failed',
          name,
          message: `${name} is ${formatBytes(file.size)}; files up to ${formatLimit(limits.rawBytes)} can be imported.`,
        });
      }
      request.current?.abort();
      const xhr = new XMLHttpRequest();
      request.current = xhr;
      const settle = (next: UploadState) => {
        if (request.current !== xhr) return;
        request.current = null;
        setState(next);
      };
      xhr.open('POST', `${UPLOAD_URL}?filename=${encodeURIComponent(shortName(name))}`);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = (e) => {
        if (request.current === xhr)
          setState({ phase: 'uploading', name, loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
      };
      xhr.upload.onload = () => {
        if (request.current === xhr) setState({ phase: 'processing', name, id: null });
      };
      xhr.onload = () => {
        if (xhr.status !== 202) return settle({ phase: 'failed', name, message: errorMessage(xhr) });
        let id: string | null = null;
        try {
          id = (JSON.parse(xhr.responseText) as { id?: string }).id ?? null;
        } catch {
          // Accepted all the same; the list will show it.
        }
        settle({ phase: 'processing', name, id });
        onAccepted();
        revalidate();
      };
      xhr.onerror = () => settle({ phase: 'failed', name, message: 'The upload was interrupted. Check your connection and try again.' });
      xhr.onabort = () => settle({ phase: 'cancelled', name });
      setState({ phase: 'uploading', name, loaded: 0, total: file.size });
      xhr.send(file);
    },
    [limits.rawBytes, revalidate],
  );

  const cancel = useCallback(() => request.current?.abort(), []);

  return { state, start, cancel };
}
