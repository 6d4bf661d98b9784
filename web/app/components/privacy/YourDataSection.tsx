import { Form } from '@remix-run/react';
import type { ExportCardView, ReimportCardView } from '~/utils/your-data.server';
import { Alert, Badge, buttonClass, Card, FormError, Icon, SubmitButton } from '../ui';

interface Props {
  exported: ExportCardView | null;
  reimport: ReimportCardView | null;
  exportError?: string;
  reimportError?: string;
}

const preparing = (s: string | undefined) => s === 'queued' || s === 'running';

/** "Download my data" and "Import a Cadence archive": the athlete's whole record out, and back in (ADR 041). */
export function YourDataSection({ exported, reimport, exportError, reimportError }: Props) {
  return (
    <>
      <Card
        id="your-data"
        title="Download my data"
        description="Everything Cadence holds about you in one zip: your records as JSON, spreadsheets, your original files, your plans and the assistants you connected."
      >
        <ExportState view={exported} />
        <FormError message={exportError} />
        {!exported || !preparing(exported.status) ? (
          <Form method="post" className="your-data-form">
            <input type="hidden" name="intent" value="export-request" />
            <SubmitButton variant={exported?.status === 'ready' ? 'secondary' : 'primary'} pendingText="Requesting…">
              {exported ? 'Prepare a new archive' : 'Request my archive'}
            </SubmitButton>
          </Form>
        ) : null}
        <p className="card-footnote">
          One archive at a time. We email you when it is ready; the download works for 72 hours, and only while you are signed in. It
          includes a manifest with a SHA-256 checksum for every file, so you — or another Cadence account — can check it is complete.
        </p>
      </Card>

      <Card
        id="import-archive"
        title="Import a Cadence archive"
        description="Restore an archive from “Download my data” into this account: activities, thresholds, plans with their history, notes and settings."
      >
        <ReimportState view={reimport} />
        <FormError message={reimportError} />
        {!reimport || !preparing(reimport.status) ? (
          <Form method="post" encType="multipart/form-data" className="your-data-form">
            <input type="hidden" name="intent" value="reimport" />
            <div className="field">
              <label htmlFor="archive-file" className="field-label">
                Archive (.zip)
              </label>
              <input id="archive-file" name="file" type="file" accept=".zip,application/zip" required className="file-input" />
            </div>
            <SubmitButton variant="secondary" pendingText="Checking the archive…">
              Import archive
            </SubmitButton>
          </Form>
        ) : null}
        <p className="card-footnote">
          Every file is checked against the archive’s manifest first; a changed file stops the import. Importing the same archive twice
          changes nothing.
        </p>
      </Card>
    </>
  );
}

function ExportState({ view }: { view: ExportCardView | null }) {
  if (!view) return <p className="your-data-state">You have not requested an archive yet.</p>;
  switch (view.status) {
    case 'queued':
    case 'running':
      return (
        <div className="import-progress" role="status">
          <span className="import-progress-label">
            <Badge tone="info">Preparing</Badge> Requested {view.requestedAt}
            {view.files ? ` · ${view.files.toLocaleString('en-GB')} files written` : ''}
          </span>
          <progress className="progress" value={Math.min(view.step, view.steps)} max={view.steps} aria-label="Archive progress" />
          <span className="import-progress-label">You can leave this page; we email you when it is ready.</span>
        </div>
      );
    case 'ready':
      return (
        <div className="your-data-ready">
          <p className="your-data-state">
            <Badge tone="success">Ready</Badge> Your archive ({view.size}, {view.files.toLocaleString('en-GB')} files) can be downloaded
            until <strong>{view.expiresAt}</strong>.
          </p>
          {/* A plain link: the API streams the zip to this session only. */}
          <a href={`/api/v1/privacy/exports/${view.id}/download`} download className={buttonClass('primary')}>
            <Icon name="receipt" className="icon icon-sm" /> Download archive
          </a>
        </div>
      );
    case 'expired':
      return (
        <p className="your-data-state">
          <Badge tone="neutral">Expired</Badge> Your last archive expired on {view.expiresAt} and can no longer be downloaded. Prepare a new
          one below.
        </p>
      );
    case 'failed':
      return (
        <Alert tone="error" title="The archive could not be prepared">
          <p>{view.error}</p>
        </Alert>
      );
  }
}

function ReimportState({ view }: { view: ReimportCardView | null }) {
  if (!view) return null;
  if (view.status === 'queued' || view.status === 'running')
    return (
      <div className="import-progress" role="status">
        <span className="import-progress-label">
          <Badge tone="info">Importing</Badge> Archive received {view.requestedAt}; restoring it now.
        </span>
        <progress className="progress" aria-label="Import progress" />
      </div>
    );
  if (view.status === 'failed')
    return (
      <Alert tone="error" title="The archive could not be imported">
        <p>{view.error}</p>
      </Alert>
    );
  return (
    <div className="your-data-report" role="status">
      <p className="your-data-state">
        <Badge tone="success">Imported</Badge> Archive imported {view.requestedAt}.
      </p>
      <ul>
        {view.lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      <details>
        <summary>What an import does not restore</summary>
        <ul>
          {view.notRestored.map((n) => (
            <li key={n.area}>
              <strong>{n.area}</strong>: {n.why}.
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
