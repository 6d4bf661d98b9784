import { useId, useRef, type FormEvent } from 'react';
import { Alert, Button, LiveRegion } from '../ui';
import {
  formatBytes,
  formatLimit,
  importedNothing,
  importedWithWarnings,
  isImportActive,
  nothingImportedWhy,
  type FileImportView,
  type UploadLimits,
} from '~/utils/imports';
import { ImportCounts } from './ImportList';
import { useUpload, type UploadState } from './useUpload';

interface Props {
  imports: FileImportView[];
  limits: UploadLimits;
  /** From the form post used without JavaScript. */
  formError?: string;
}

/**
 * A plain multipart form that the page's action handles; with JavaScript the submit is taken over and
 * the file goes straight to the API as a raw body, with progress.
 */
export function UploadForm({ imports, limits, formError }: Props) {
  const { state, start, cancel } = useUpload(limits);
  const form = useRef<HTMLFormElement>(null);
  const uploading = state.phase === 'uploading';
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem('file');
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    if (!file) return;
    event.preventDefault();
    start(file, () => form.current?.reset());
  };
  const error = state.phase === 'failed' ? state.message : state.phase === 'idle' ? formError : undefined;
  return (
    <>
      <form ref={form} method="post" encType="multipart/form-data" className="upload-form" onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="upload" />
        <div className="field">
          <label htmlFor="import-file" className="field-label">
            File to import
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".zip,.fit,.gpx,.tcx,.gz"
            required
            disabled={uploading}
            className="file-input"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'import-file-hint upload-error' : 'import-file-hint'}
          />
          <p id="import-file-hint" className="field-hint">
            Your Strava archive or Garmin “Export your data” zip, or FIT, GPX or TCX files (also gzipped) — or a zip of them.
          </p>
          <noscript>
            <p className="field-hint">
              Without JavaScript, files up to {formatLimit(limits.formBytes)} can be uploaded; turn it on for larger exports.
            </p>
          </noscript>
        </div>
        <div className="upload-actions">
          <Button type="submit" disabled={uploading}>
            {uploading ? 'Uploading…' : 'Upload'}
          </Button>
          {uploading ? (
            <Button variant="secondary" onClick={cancel}>
              Cancel
            </Button>
          ) : null}
        </div>
      </form>
      <LiveRegion className="upload-live">
        {error ? (
          <Alert tone="error" title="The upload didn't work" announce={false}>
            <p id="upload-error">{error}</p>
          </Alert>
        ) : (
          <Phase state={state} imports={imports} />
        )}
      </LiveRegion>
      {state.phase === 'uploading' ||
      (state.phase === 'processing' && isImportActive(imports.find((i) => i.id === state.id)?.status ?? 'queued')) ? (
        <UploadProgress state={state} />
      ) : null}
    </>
  );
}

/** One line per phase, in the live region: announced when the phase changes, not at every percent. */
function Phase({ state, imports }: { state: UploadState; imports: FileImportView[] }) {
  if (state.phase === 'uploading') return <p className="upload-phase">Uploading {state.name}…</p>;
  if (state.phase === 'cancelled') return <p className="upload-phase upload-phase-quiet">Upload of {state.name} cancelled.</p>;
  if (state.phase !== 'processing') return null;
  const job = imports.find((i) => i.id === state.id);
  if (!job || isImportActive(job.status)) return <p className="upload-phase">Processing {state.name}…</p>;
  if (job.status === 'error') {
    return (
      <Alert tone="error" title={`${job.filename} could not be imported`} announce={false}>
        <p>{job.error}</p>
      </Alert>
    );
  }
  const nothing = importedNothing(job);
  const warned = importedWithWarnings(job);
  const title = nothing
    ? `Nothing was imported from ${job.filename}`
    : job.imported === 0
      ? `${job.filename}: already in Cadence`
      : warned
        ? `${job.filename} imported with warnings`
        : `${job.filename} imported`;
  const see = [job.skippedCount > 0 ? 'what was skipped and why' : null, warned ? 'what was cleaned on the way in' : null]
    .filter(Boolean)
    .join(', and ');
  return (
    <Alert tone={nothing || warned ? 'warning' : 'success'} title={title} announce={false}>
      {nothing ? <p>{nothingImportedWhy(job)}</p> : null}
      <p>
        <ImportCounts job={job} />
        {see ? ` — see Recent imports for ${see}.` : null}
      </p>
    </Alert>
  );
}

function UploadProgress({ state }: { state: Extract<UploadState, { phase: 'uploading' | 'processing' }> }) {
  const id = useId();
  if (state.phase === 'processing') {
    return (
      <div className="import-progress upload-progress">
        <label htmlFor={id} className="import-progress-label">
          Uploaded. Reading the activities in it — a whole Garmin export or Strava archive can take a few minutes.
        </label>
        <progress id={id} className="progress" />
      </div>
    );
  }
  const percent = state.total > 0 ? Math.min(100, Math.floor((state.loaded / state.total) * 100)) : 0;
  return (
    <div className="import-progress upload-progress">
      <label htmlFor={id} className="import-progress-label">
        {percent}% · {formatBytes(state.loaded)} of {formatBytes(state.total)}
      </label>
      <progress id={id} className="progress" value={state.loaded} max={Math.max(state.total, 1)} />
    </div>
  );
}
