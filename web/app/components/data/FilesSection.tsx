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
    <Card id="files" title="Files" description="A Garmin export, or activity files from any watch or bike computer.">
      {uploaded ? (
        <Alert tone="success" className="upload-received">
          Received {uploaded.filename}. See how it goes under Recent imports below (<a href="/settings/data#files">refresh</a> to update).
        </Alert>
      ) : null}
      <UploadForm imports={imports} limits={limits} formError={formError} />
      <p className="data-use">Files you upload are yours: Cadence may use them everywhere, including the AI coach.</p>
      <ImportList imports={imports} />
    </Card>
  );
}
