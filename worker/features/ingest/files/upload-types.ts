// What parseUpload answers (import-file.ts does the work; what it is given stays there, beside it).
import type { ActivityInput } from '../../activities/index.ts';
import type { FitWellnessRecord } from './fit-wellness.ts';
import type { WellnessTally } from './garmin-wellness.ts';
import type { FileKind } from './sniff.ts';
import type { ImportWarning, SkippedFile } from './types.ts';

export type UploadKind = Exclude<FileKind, 'unknown'> | 'garmin_export' | 'strava_archive' | 'unknown';

/** A Strava archive's rows and what became of them: with their file, manual entries, files missing or unreadable. */
export interface ArchiveTally {
  rows: number;
  withFiles: number;
  manual: number;
  missing: number;
  unreadable: number;
}

export interface UploadParse {
  /** Iterate once. Throws ZipLimitError / ZipFormatError before the first activity (see above). */
  readonly activities: AsyncIterable<ActivityInput>;
  /** Entries passed over and why; complete once `activities` is exhausted. */
  readonly skipped: SkippedFile[];
  /** Imported, but with something cleaned or left out (one per file and reason); complete with `skipped`. */
  readonly warnings: ImportWarning[];
  /** Activities yielded so far. */
  readonly found: number;
  /** What the upload turned out to be; set once iteration has started. */
  readonly kind: UploadKind | undefined;
  /** A Strava archive's tally; set once iteration is done. */
  readonly archive: ArchiveTally | undefined;
  /** Wellness found in FIT files (weight, sleep, overnight HRV; ADR 072); complete with `skipped`. */
  readonly wellness: FitWellnessRecord[];
  /** Wellness read and left out, and why ("12 weight readings of 2 people on the scale: not imported"), per file. */
  readonly wellnessLeft: string[];
  /** A Garmin export's wellness files: records read and left out per kind, and the export's JSON files nobody reads. */
  readonly exportWellness: { kinds: WellnessTally; otherFiles: number } | undefined;
}
