import { Badge, type BadgeTone } from '../ui';
import { importedNothing, importedWithWarnings, nothingImportedWhy, STATUS_LABELS, type FileImportView } from '~/utils/imports';

function tone(job: FileImportView): BadgeTone {
  switch (job.status) {
    case 'queued':
    case 'running':
      return 'info';
    case 'error':
      return 'danger';
    default:
      // Finished, yet everything in it was skipped, or cleaned on the way in: worth a second look, not a green tick.
      return (job.imported + job.duplicates === 0 && job.skippedCount > 0) || importedWithWarnings(job) ? 'warning' : 'success';
  }
}

const statusLabel = (job: FileImportView) =>
  importedNothing(job) ? 'Nothing imported' : importedWithWarnings(job) ? 'Imported with warnings' : STATUS_LABELS[job.status];

/** "found 3 · imported 2 · duplicates 1 · skipped 0" */
export function ImportCounts({ job }: { job: FileImportView }) {
  const parts: [string, number][] = [
    ['found', job.found],
    ['imported', job.imported],
    ['duplicates', job.duplicates],
    ['skipped', job.skippedCount],
    ...(job.warningCount > 0 ? ([['warnings', job.warningCount]] as [string, number][]) : []),
  ];
  return (
    <span className="import-counts">
      {parts.map(([label, n], i) => (
        <span key={label}>
          <span className="import-count">
            {label} <strong>{n}</strong>
            {i < parts.length - 1 ? <span aria-hidden="true"> ·</span> : null}
          </span>
          {i < parts.length - 1 ? ' ' : null}
        </span>
      ))}
    </span>
  );
}

export function ImportList({ imports }: { imports: FileImportView[] }) {
  return (
    <section className="imports" aria-labelledby="recent-imports-title">
      <h3 id="recent-imports-title" className="imports-title">
        Recent imports
      </h3>
      {imports.length === 0 ? (
        <p className="card-text card-text-muted">Nothing uploaded yet. Files you upload are listed here with what came of them.</p>
      ) : (
        <ul className="import-list">
          {imports.map((job) => (
            <ImportItem key={job.id} job={job} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ImportItem({ job }: { job: FileImportView }) {
  const more = job.skippedCount - job.skipped.length;
  const moreWarnings = job.warningCount - job.warnings.length;
  return (
    <li className="import-item">
      <div className="import-item-head">
        <p className="import-name">{job.filename}</p>
        <Badge tone={tone(job)}>{statusLabel(job)}</Badge>
      </div>
      <p className="import-meta">
        <time dateTime={job.createdAt} title={job.whenExact}>
          {job.when}
        </time>
        <span aria-hidden="true"> · </span>
        <span className="visually-hidden">, </span>
        {job.size}
      </p>
      {job.status === 'queued' ? <p className="import-detail">Waiting to be processed…</p> : null}
      {job.status === 'running' ? <p className="import-detail">Reading the activities in it…</p> : null}
      {job.status === 'done' || (job.status === 'error' && job.found + job.skippedCount > 0) ? (
        <p className="import-detail">
          <ImportCounts job={job} />
        </p>
      ) : null}
      {job.summary.map((line) => (
        <p key={line} className="import-detail import-summary">
          {line}
        </p>
      ))}
      {job.error ? <p className="import-error">{job.error}</p> : null}
      {importedNothing(job) ? <p className="import-nothing">{nothingImportedWhy(job)}</p> : null}
      {job.skippedCount > 0 ? (
        // Open when nothing came in: the skipped files are the whole story then.
        <details className="import-skipped" open={importedNothing(job)}>
          <summary>{job.skippedCount === 1 ? 'Show the skipped file' : `Show the ${job.skippedCount} skipped files`}</summary>
          <ul className="skipped-list">
            {job.skipped.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, never reordered, and entries can repeat: the position is part of the identity.
              <li key={i}>
                <span className="skipped-name">{s.name}</span> — {s.reason}
              </li>
            ))}
          </ul>
          {more > 0 ? <p className="skipped-more">…and {more} more.</p> : null}
        </details>
      ) : null}
      {job.warningCount > 0 ? (
        // Apart from the skipped files: these came in, with something cleaned or left out (also noted on each activity).
        <details className="import-skipped import-warnings">
          <summary>{job.warningCount === 1 ? 'Show the warning' : `Show the ${job.warningCount} warnings`}</summary>
          <p className="warnings-intro">Imported, with these corrections. Each activity's page lists its own under Data quality.</p>
          <ul className="skipped-list">
            {job.warnings.map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, never reordered, and entries can repeat: the position is part of the identity.
              <li key={i}>
                <span className="skipped-name">{w.name}</span> — {w.text}
              </li>
            ))}
          </ul>
          {moreWarnings > 0 ? <p className="skipped-more">…and {moreWarnings} more.</p> : null}
        </details>
      ) : null}
    </li>
  );
}
