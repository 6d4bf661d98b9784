import type { UploadLimits } from '~/utils/imports';
import { Button } from '../ui';
import { type FileStatus, useMultiUpload } from './useMultiUpload';

const LABELS: Record<FileStatus, string> = {
  queued: 'Queued',
  importing: 'Importing',
  done: 'Done',
  duplicate: 'Duplicate',
  failed: 'Failed',
};

/**
 * Upload several files at once (FIT, GPX, TCX, zips): one progress view with a line per file, its state
 * and what came of it. The upload API parses them like any other upload.
 */
export function MultiUpload({ limits }: { limits: UploadLimits }) {
  const { items, add, clear } = useMultiUpload(limits);
  const finished = items.filter((i) => i.status !== 'queued' && i.status !== 'importing').length;
  return (
    <section className="multi-upload" aria-labelledby="multi-upload-title">
      <div className="multi-upload-head">
        <h2 id="multi-upload-title" className="multi-upload-title">
          Upload files
        </h2>
        <label className="btn btn-secondary btn-sm file-pick">
          Choose files
          <input
            type="file"
            multiple
            accept=".fit,.gpx,.tcx,.zip,.gz"
            className="visually-hidden"
            onChange={(e) => {
              if (e.currentTarget.files) add(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
        </label>
      </div>
      {items.length > 0 ? (
        <>
          <p className="upload-summary" aria-live="polite">
            {finished} of {items.length} finished
          </p>
          <ul className="upload-files" aria-label="Upload progress">
            {items.map((it) => (
              <li key={it.key} className={`upload-file upload-${it.status}`} data-status={it.status}>
                <span className="upload-name">{it.name}</span>
                <span className="upload-status">{LABELS[it.status]}</span>
                <span className="upload-detail">{it.detail}</span>
              </li>
            ))}
          </ul>
          {finished > 0 ? (
            <Button size="sm" variant="link" onClick={clear}>
              Clear finished
            </Button>
          ) : null}
        </>
      ) : (
        <p className="hint">FIT, GPX or TCX files, or zips of them: choose dozens at once.</p>
      )}
    </section>
  );
}
