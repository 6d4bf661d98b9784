import { Alert, Card } from '../ui';
import type { FileImportView, UploadLimits } from '~/utils/imports';
import { ImportList } from './ImportList';
import { UploadForm } from './UploadForm';

interface Props {
  imports: FileImportView[];
  limits: UploadLimits;
  formError?: string;
  /** Set after an upload without JavaScript: the import it created. */
  uploadedId: string | null;
}

export function FilesSection({ imports, limits, formError, uploadedId }: Props) {
  const uploaded = uploadedId ? imports.find((i) => i.id === uploadedId) : undefined;
  return (
    <Card id="files" title="Files" description="Your Strava archive, a Garmin export, or activity files from any watch or bike computer.">
      {uploaded ? (
        <Alert tone="success" className="upload-received">
          Received {uploaded.filename}. See how it goes under Recent imports below (<a href="/settings/data#files">refresh</a> to update).
        </Alert>
      ) : null}
      <UploadForm imports={imports} limits={limits} formError={formError} />
      <details className="archive-howto">
        <summary>How to get your Strava archive</summary>
        <ol>
          <li>
            On strava.com, open <strong>Settings → My Account → Download or delete your account</strong>, choose Get started, then{' '}
            <strong>Request archive</strong>.
          </li>
          <li>Strava emails you a link, usually within a few hours. Download the zip it leads to (its name starts with export_).</li>
          <li>Upload that zip here as it is; there is no need to unpack it.</li>
        </ol>
        <p>
          Every activity arrives with its name, description and original file. Activities Strava already sent through your connection are
          upgraded in place — same activity, notes and links — and from then on your coach and the AI coach may use them, since the files
          are yours.
        </p>
      </details>
      <p className="data-use">Files you upload are yours: Cadence may use them everywhere, including the AI coach.</p>
      <ImportList imports={imports} />
    </Card>
  );
}
