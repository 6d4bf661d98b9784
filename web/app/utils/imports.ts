// What Data sources shows about uploaded files. Shaped on the server (imports.server.ts); plain data here
// so components never touch worker code.

export type FileImportStatus = 'queued' | 'running' | 'done' | 'error';

export interface SkippedView {
  name: string;
  /** Said for people: "could not be read", not "malformed_fit". */
  reason: string;
}

export interface FileImportView {
  id: string;
  filename: string;
  /** "2.4 MB" */
  size: string;
  status: FileImportStatus;
  /** ISO, for <time dateTime>. */
  createdAt: string;
  /** "5 minutes ago", in the athlete's time zone. */
  when: string;
  /** "3 Mar 2026, 14:05", for the tooltip. */
  whenExact: string;
  found: number;
  imported: number;
  duplicates: number;
  /** All of them, even when only the first few are listed. */
  skippedCount: number;
  skipped: SkippedView[];
  error: string | null;
}

export interface UploadLimits {
  /** Raw-body uploads (with JavaScript). */
  rawBytes: number;
  /** Form posts without JavaScript. */
  formBytes: number;
}

export const STATUS_LABELS: Record<FileImportStatus, string> = {
  queued: 'Queued',
  running: 'Processing',
  done: 'Done',
  error: 'Failed',
};

const SKIP_REASONS: Record<string, string> = {
  unsafe_name: 'unsafe file name (ignored for safety)',
  malformed_json: 'could not be read',
  malformed_fit: 'could not be read',
  malformed_xml: 'could not be read',
  unsupported_type: 'not an activity file',
  too_large: 'too large',
  no_activity: 'no activity in it',
};

export const skipReason = (reason: string) => SKIP_REASONS[reason] ?? 'skipped';

export const isImportActive = (status: FileImportStatus | undefined) => status === 'queued' || status === 'running';

/** "840 KB", "12.5 MB": powers of 1024, like the limits, so a file shown as 25 MB fits a 25 MB limit. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  // One decimal below 100, so a file just over a limit never shows as the limit itself.
  return `${value < 100 ? Number(value.toFixed(1)) : Math.round(value)} ${units[unit]}`;
}

/** A limit in whole megabytes, rounded down so the promise holds. */
export const formatLimit = (bytes: number) => `${Math.floor(bytes / 1024 / 1024)} MB`;
