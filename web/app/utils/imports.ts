// What Data sources shows about uploaded files. Shaped on the server (imports.server.ts); plain data here
// so components never touch worker code.

export type FileImportStatus = 'queued' | 'running' | 'done' | 'error';

export interface SkippedView {
  name: string;
  /** Said for people: "could not be read", not "malformed_fit". */
  reason: string;
}

export interface WarningView {
  name: string;
  /** What was cleaned or left out, as the importer said it ("14 GPS points ignored: implausible speed"). */
  text: string;
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
  /** Imported, but something in them was cleaned or left out; all of them, even when only the first few are listed. */
  warningCount: number;
  warnings: WarningView[];
  /** What the import did beyond its counts (a Strava archive's tally, Strava copies upgraded), in sentences. */
  summary: string[];
  /** Wellness readings the import stored (a scale's file has no activity, and is not "nothing imported"). */
  wellnessReadings?: number;
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
  malformed_csv: 'a row that could not be read',
  malformed_fit: 'could not be read',
  malformed_xml: 'could not be read',
  unsupported_type: 'not an activity file',
  too_large: 'too large',
  no_activity: 'no activity in it',
};

export const skipReason = (reason: string) => SKIP_REASONS[reason] ?? 'skipped';

// For a warning that came without the importer's own sentence.
const WARNING_REASONS: Record<string, string> = {
  speed_glitch: 'GPS points ignored: implausible speed',
  hr_out_of_range: 'heart-rate samples ignored: out of range',
  power_out_of_range: 'power samples ignored: out of range',
  altitude_spikes: 'altitude spikes removed',
  altitude_smoothed: 'altitude smoothed',
  points_without_time: 'points without a time left out',
  out_of_order: 'samples out of order left out',
  truncated: 'the file ends early; imported as far as it is valid',
  totals_disagree: "the file's totals and its samples disagree",
  sport_inferred: 'sport inferred from speed',
  max_hr_implausible: 'an implausible max heart rate dropped',
  no_power: 'no power data',
  implausible_effort: 'an implausible best effort left out of your bests',
  no_original: 'its original file was missing: imported from the summary only',
};

export const warningText = (w: { reason: string; detail?: string | undefined }) =>
  w.detail?.trim() || WARNING_REASONS[w.reason] || 'something was cleaned on import';

/** Finished, brought activities in, and cleaned or left out something on the way: said apart from "Done". */
export const importedWithWarnings = (job: Pick<FileImportView, 'status' | 'warningCount' | 'imported' | 'duplicates'>) =>
  job.status === 'done' && job.warningCount > 0 && job.imported + job.duplicates > 0;

/** Finished with nothing brought in (every entry skipped): its own outcome, said with why, never "Done". */
export const importedNothing = (job: Pick<FileImportView, 'status' | 'imported' | 'duplicates'> & { wellnessReadings?: number }) =>
  job.status === 'done' && job.imported + job.duplicates === 0 && !job.wellnessReadings;

/**
 * Why nothing came in, from the skipped entries' reasons: "Nothing in it could be imported (could not be
 * read)." or "Nothing in its 3 files could be imported: could not be read (2), not an activity file (1)", most first.
 */
export function nothingImportedWhy(job: Pick<FileImportView, 'skippedCount' | 'skipped'>): string {
  if (job.skippedCount === 0) return 'No activity was found in it.';
  if (job.skippedCount === 1) return `Nothing in it could be imported (${job.skipped[0]?.reason ?? 'skipped'}).`;
  const groups = new Map<string, number>();
  for (const s of job.skipped) groups.set(s.reason, (groups.get(s.reason) ?? 0) + 1);
  const unlisted = job.skippedCount - job.skipped.length;
  const parts = [...groups].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${reason} (${n})`);
  if (unlisted > 0) parts.push(`and ${unlisted} more`);
  return `Nothing in its ${job.skippedCount} files could be imported: ${parts.join(', ')}.`;
}

export const isImportActive = (status: FileImportStatus | undefined) => status === 'queued' || status === 'running';

/** One byte formatter for the worker, the emails and the pages. */
export { formatBytes } from '../../../worker/lib/format';

/** A limit in whole megabytes, rounded down so the promise holds. */
export const formatLimit = (bytes: number) => `${Math.floor(bytes / 1024 / 1024)} MB`;

/** An import's summary as the API gives it (see ImportJob.summary). */
export interface ImportSummaryData {
  upgraded?: number;
  keptStrava?: number;
  stravaArchive?: { rows: number; withFiles: number; manual: number; missing: number; unreadable: number };
  wellness?: { weight: number; sleep: number; hrv: number; rejected: number; left: string[] };
}

/** The wellness readings an import stored (a scale's weigh-ins, nights, overnight HRV). */
export const wellnessReadings = (s: ImportSummaryData) => (s.wellness ? s.wellness.weight + s.wellness.sleep + s.wellness.hrv : 0);

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * "412 activities in your Strava archive: 398 with their original file, 14 manual entries kept as
 * summaries, 3 files missing." and "57 Strava copies upgraded to your own files (same activities,
 * notes and links)." — what an import did beyond its counts, in plain sentences.
 */
export function importSummaryLines(s: ImportSummaryData): string[] {
  const lines: string[] = [];
  const a = s.stravaArchive;
  if (a) {
    const parts = [`${a.withFiles.toLocaleString('en-GB')} with their original file`];
    if (a.manual) parts.push(`${plural(a.manual, 'manual entry', 'manual entries')} kept as summaries`);
    if (a.missing) parts.push(`${plural(a.missing, 'file', 'files')} missing`);
    if (a.unreadable) parts.push(`${plural(a.unreadable, 'file', 'files')} unreadable`);
    const rest = a.rows - a.withFiles - a.manual - a.missing - a.unreadable;
    if (rest > 0) parts.push(`${plural(rest, 'row', 'rows')} that could not be read`);
    lines.push(`${plural(a.rows, 'activity', 'activities')} in your Strava archive: ${parts.join(', ')}.`);
  }
  if (s.upgraded)
    lines.push(
      `${plural(s.upgraded, 'Strava copy', 'Strava copies')} upgraded to your own ${s.upgraded === 1 ? 'file' : 'files'}: the same ${s.upgraded === 1 ? 'activity' : 'activities'}, with notes and links, now usable everywhere.`,
    );
  // Rows without their file: the Strava copy stays where it has the recording, else the archive's summary is kept.
  const kept = s.keptStrava ?? 0;
  const noFile = a ? a.missing + a.unreadable : kept;
  if (kept)
    lines.push(
      `${plural(kept, 'activity', 'activities')} without ${kept === 1 ? 'its file keeps its' : 'their files keep their'} Strava ${kept === 1 ? 'copy' : 'copies'} as ${kept === 1 ? 'it was' : 'they were'}, recording included; upload the ${kept === 1 ? 'original' : 'originals'} to upgrade ${kept === 1 ? 'it' : 'them'}.`,
    );
  if (noFile > kept)
    lines.push(
      `${plural(noFile - kept, 'activity', 'activities')} without ${noFile - kept === 1 ? 'its file was' : 'their files were'} kept from the archive’s summary (time, distance, heart rate).`,
    );
  const w = s.wellness;
  if (w) {
    const parts = [
      w.weight ? plural(w.weight, 'weight reading', 'weight readings') : '',
      w.sleep ? plural(w.sleep, 'night of sleep', 'nights of sleep') : '',
      w.hrv ? plural(w.hrv, 'overnight HRV reading', 'overnight HRV readings') : '',
    ].filter(Boolean);
    if (parts.length) lines.push(`Wellness: ${parts.join(', ')} (on your Wellness page).`);
    if (w.rejected) lines.push(`${plural(w.rejected, 'reading', 'readings')} left out: a value outside what a body can show.`);
    for (const left of w.left) lines.push(`Left out: ${left}.`);
  }
  return lines;
}
