// Caps for uploaded files. They exist because uploads are attacker-controlled and a Worker has
// 128 MB of memory: every cap here bounds either memory held at once or CPU spent decompressing.
// Parsers take a `limits` parameter defaulting to UPLOAD_LIMITS so tests can shrink them instead
// of allocating hundreds of megabytes.

const MiB = 1024 * 1024;

export interface UploadLimits {
  /** Bytes read from the upload itself (compressed size for a zip). */
  maxUploadBytes: number;
  /**
   * Inflated bytes across the archive, nested archives and gzipped files (one pass), each byte the
   * parsers receive counted once: a nested zip or a .gz counts its contents, not its compressed bytes too.
   */
  maxTotalUncompressedBytes: number;
  /** Zip entries counted across nested archives, directories and skipped entries included. */
  maxEntries: number;
  /** One summarizedActivities JSON entry, inflated. It is streamed, never held whole. */
  maxJsonEntryBytes: number;
  /** One GPX/TCX file. They are parsed as they stream; only compact per-point columns are kept. */
  maxActivityFileBytes: number;
  /**
   * One FIT file. It is held whole and the SDK keeps every message as an object: measured at
   * ≈10–11× the file size for record-heavy files (200,000 records: 3.4 MB → 37 MB of heap), so
   * 8 MiB (≈ a 2-day 1 Hz recording) keeps a decode under ~90 MB.
   */
  maxFitFileBytes: number;
  /** Inflated ÷ compressed bytes of one entry; deflate tops out near 1032:1, real data stays below 20:1. */
  maxCompressionRatio: number;
  /** Entries below this inflated size are not ratio-checked: tiny, repetitive files compress very well. */
  ratioGraceBytes: number;
  /** Zips inside zips: a Garmin export needs 1 (export → UploadedFiles_*.zip). */
  maxZipDepth: number;
  /** Summaries, and activity files, in one upload. */
  maxActivitiesPerFile: number;
  /** One summary object in a summarizedActivities file (they are a few KiB each). */
  maxJsonObjectChars: number;
  /** Samples kept in one activity's streams; longer series are evenly thinned. */
  maxStreamPoints: number;
}

export const UPLOAD_LIMITS: Readonly<UploadLimits> = Object.freeze({
  maxUploadBytes: 200 * MiB,
  maxTotalUncompressedBytes: 1024 * MiB,
  maxEntries: 50_000,
  maxJsonEntryBytes: 150 * MiB,
  maxActivityFileBytes: 20 * MiB,
  maxFitFileBytes: 8 * MiB,
  maxCompressionRatio: 200,
  ratioGraceBytes: 1 * MiB,
  maxZipDepth: 1,
  maxActivitiesPerFile: 50_000,
  maxJsonObjectChars: 1 * MiB,
  maxStreamPoints: 100_000,
});
