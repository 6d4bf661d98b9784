import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { actorOf } from '../../../worker/http/guards';
import { MULTIPART_MAX_BYTES, UPLOAD_LIMITS } from '../../../worker/features/ingest';
import { formatDateTime, relativeTime } from './format';
import { appErrorToForm } from './forms.server';
import {
  formatBytes,
  formatLimit,
  importSummaryLines,
  skipReason,
  warningText,
  wellnessReadings,
  type FileImportView,
  type UploadLimits,
} from './imports';

// A Garmin export can skip (or warn about) thousands of entries; the page lists the first ones and counts the rest.
const SKIPPED_SHOWN = 100;
const WARNINGS_SHOWN = 100;

export const UPLOAD_LIMITS_VIEW: UploadLimits = { rawBytes: UPLOAD_LIMITS.maxUploadBytes, formBytes: MULTIPART_MAX_BYTES };

/** The viewer's recent uploads, newest first, with times in their time zone. */
export async function loadImports(context: AppLoadContext, viewer: Viewer): Promise<FileImportView[]> {
  const { services } = context;
  const now = services.clock.now();
  const { timeZone } = viewer.user;
  const jobs = await services.imports.list(viewer.user.id);
  return jobs.map((job) => ({
    id: job.id,
    filename: job.filename,
    size: formatBytes(job.sizeBytes),
    status: job.status,
    createdAt: job.createdAt,
    when: relativeTime(job.createdAt, now, timeZone),
    whenExact: formatDateTime(job.createdAt, timeZone),
    found: job.found,
    imported: job.imported,
    duplicates: job.duplicates,
    skippedCount: job.skipped.length,
    skipped: job.skipped.slice(0, SKIPPED_SHOWN).map((s) => ({ name: s.name, reason: skipReason(s.reason) })),
    warningCount: job.warnings.length,
    warnings: job.warnings.slice(0, WARNINGS_SHOWN).map((w) => ({ name: w.name, text: warningText(w) })),
    summary: importSummaryLines(job.summary),
    wellnessReadings: wellnessReadings(job.summary),
    error: job.status === 'error' ? (job.error?.slice(0, 300) ?? 'The import failed.') : null,
  }));
}

export interface UploadResult {
  ok: false;
  intent: 'upload';
  formError: string;
}

/**
 * The form post used without JavaScript: the runtime buffers multipart bodies, so it takes smaller
 * files than the script's raw upload. On success, back to the page with the job in the address.
 */
export async function uploadFromForm(context: AppLoadContext, viewer: Viewer, file: FormDataEntryValue | null): Promise<UploadResult> {
  const fail = (formError: string): UploadResult => ({ ok: false, intent: 'upload', formError });
  if (!file || typeof file === 'string' || (file.size === 0 && !file.name)) return fail('Choose a file to upload.');
  if (file.size > MULTIPART_MAX_BYTES) {
    return fail(
      `${file.name} is ${formatBytes(file.size)}. Without JavaScript, files up to ${formatLimit(MULTIPART_MAX_BYTES)} can be uploaded; turn JavaScript on to upload larger exports (up to ${formatLimit(UPLOAD_LIMITS.maxUploadBytes)}).`,
    );
  }
  let id: string;
  try {
    ({ id } = await context.services.imports.accept(actorOf(viewer), { name: file.name, size: file.size, body: file }));
  } catch (err) {
    const { formError, fieldErrors } = appErrorToForm(err);
    return fail(formError ?? Object.values(fieldErrors)[0] ?? 'The file could not be uploaded. Try again.');
  }
  throw redirect(`/settings/data?uploaded=${encodeURIComponent(id)}#files`);
}
