// Shared vocabulary of the file parsers: why an entry was skipped, and the errors that fail a job.
import type { DataQualityCode } from '../../activities/index.ts';

export const SKIP_REASONS = [
  'unsafe_name',
  'malformed_json',
  'malformed_csv',
  'malformed_fit',
  'malformed_xml',
  'unsupported_type',
  'too_large',
  'no_activity',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedFile {
  /** The entry path (nested: "outer.zip/inner.fit"); unsafe names are shown escaped. */
  name: string;
  reason: SkipReason;
  /** A short technical note (e.g. "compression method 12"); never file content. */
  detail?: string;
}

export type SkipSink = (name: string, reason: SkipReason, detail?: string) => void;

/**
 * Imported, but not whole: what was cleaned or left out of a file (points without time, a
 * truncated file, glitches ignored). Distinct from `skipped` (nothing imported) and from a failed job.
 */
export interface ImportWarning {
  /** The file (nested: "outer.zip/inner.gpx"). */
  name: string;
  reason: DataQualityCode;
  /** Said to the athlete as is, e.g. "14 GPS points ignored: implausible speed". */
  detail: string;
}

/** A parser's way to report what no activity carries (e.g. a GPX track without any time). */
export type WarningSink = (reason: DataQualityCode, detail: string) => void;

export type LimitName = 'uploadBytes' | 'totalUncompressedBytes' | 'entries' | 'compressionRatio' | 'activities';

/** A cap of the whole upload was crossed: the job must fail and import nothing. */
export class ZipLimitError extends Error {
  override readonly name = 'ZipLimitError';
  constructor(
    readonly limit: LimitName,
    readonly max: number,
    message: string,
  ) {
    super(message);
  }
}

/** The outer archive itself is unreadable (truncated, not a zip): the job fails. */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

/** One file could not be turned into activities; the upload goes on without it. */
export class FileParseError extends Error {
  override readonly name = 'FileParseError';
  constructor(
    readonly reason: SkipReason,
    message: string,
  ) {
    super(message);
  }
}
