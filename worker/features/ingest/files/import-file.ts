// The one entry point for uploaded files: sniffs what the upload is and turns it into
// ActivityInputs, streaming.
//
// Commit-safety contract (the caller upserts as it iterates):
// - A single FIT/GPX/TCX file is parsed completely before its activity is yielded.
// - A zip is read twice, which is why the input is `open()` rather than a stream. Pass 1 inflates
//   everything pass 2 will inflate, enforcing every cap, and collects the Garmin summaries; only
//   then does pass 2 parse the activity files and yield. So ZipLimitError / ZipFormatError are
//   thrown by the first `next()`, before any activity exists, and nothing needs rolling back.
//   Pass 2 reads the same bytes and inflates a subset, so it cannot cross a cap pass 1 did not;
//   what can still fail there is reading the upload again (storage I/O). The repo's upsert on
//   (user, source, externalId) makes a retry of the job converge instead of duplicating.
// Malformed or unsafe entries never fail the job: they are listed in `skipped`.
//
// Gzip-compressed files (a Strava archive's `.fit.gz`, or one uploaded alone) are inflated under the
// same caps, in both passes, so a gzip bomb also fails the upload before anything is stored. A Strava
// archive (activities.csv plus activities/) is read in pass 1 into an index of its rows, and pass 2
// pairs each file with its row (strava-archive.ts, ADR 037).
//
// A Garmin export's wellness files (garmin-wellness.ts, ADR 073) are inflated in pass 1 like the rest and
// streamed to the caller's `exportWellness` sink in pass 2, so they too are stored only once no cap can fail.
import { type ActivityInput, checkActivity, type Sport } from '../../activities/index.ts';
import { collectBytes, iterateStream } from './common.ts';
import { parseFitUpload } from './fit.ts';
import type { FitWellnessRecord } from './fit-wellness.ts';
import type { ArchiveTally, UploadKind, UploadParse } from './upload-types.ts';
import { GARMIN_TREE, SUMMARY_FILE, SummaryIndex, mergeWithSummary, scanSummaries } from './garmin-export.ts';
import { OTHER_DI_JSON, scanWellness, type WellnessSink, type WellnessTally, wellnessKindOf } from './garmin-wellness.ts';
import { parseGpx } from './gpx.ts';
import { capUpload, mergeWarnings, reasonFor } from './import-helpers.ts';
import { gunzip } from './gunzip.ts';
import { UPLOAD_LIMITS, type UploadLimits } from './limits.ts';
import { type FileKind, SNIFF_BYTES, peek, sniff } from './sniff.ts';
import { ARCHIVE_CSV, type ArchiveIndex, leftoverWarning, readArchiveCsv, summaryActivity, withRow } from './strava-archive.ts';
import { parseTcx } from './tcx.ts';
import { FileParseError, type ImportWarning, type SkipReason, type SkippedFile, ZipLimitError } from './types.ts';
import { EntryCorruptError, EntrySkippedError, readZip, ZipBudget } from './zip.ts';

export type { ArchiveTally, UploadKind, UploadParse } from './upload-types.ts';

export interface ParseUploadInput {
  /** The uploaded file's name (reported in `skipped`; the type is sniffed from content). */
  name: string;
  /** Opens the upload from its first byte, e.g. `async () => (await env.BUCKET.get(key))!.body`. Called once, twice for a zip. */
  open: () => ReadableStream<Uint8Array> | Promise<ReadableStream<Uint8Array>>;
  /** The athlete's profile time zone: the calendar date when a file has no trustworthy local time. */
  fallbackTimeZone: string;
  /** Sport for GPX/TCX files that do not name one (default run). */
  sportHint?: Sport;
  limits?: UploadLimits;
  /** Receives a Garmin export's wellness records in batches (ADR 073); without it those files are not read. */
  exportWellness?: WellnessSink;
}

const ACTIVITY_FILE = /\.(fit|gpx|tcx)(\.gz)?$/i;
/** Finder/Explorer droppings that nobody wants reported. */
const JUNK = /(^|\/)(__MACOSX\/|\._|\.DS_Store$|Thumbs\.db$)/;

export function parseUpload(input: ParseUploadInput): UploadParse {
  return new UploadParser(input);
}

class UploadParser implements UploadParse {
  readonly skipped: SkippedFile[] = [];
  readonly warnings: ImportWarning[] = [];
  readonly wellness: FitWellnessRecord[] = [];
  readonly wellnessLeft: string[] = [];
  found = 0;
  kind: UploadKind | undefined;
  archive: ArchiveTally | undefined;
  exportWellness: { kinds: WellnessTally; otherFiles: number } | undefined;
  private readonly limits: UploadLimits;
  /** The running totals of the pass being read (inflated gzip bytes are added to them). */
  private budget: ZipBudget;
  private readonly seen = new Set<string>();
  private started = false;

  constructor(private readonly input: ParseUploadInput) {
    this.limits = input.limits ?? UPLOAD_LIMITS;
    this.budget = new ZipBudget(this.limits);
  }

  get activities(): AsyncIterable<ActivityInput> {
    return { [Symbol.asyncIterator]: () => this.run() };
  }

  private readonly skip = (name: string, reason: SkipReason, detail?: string): void => {
    const key = `${reason}\u0000${name}`;
    if (this.seen.has(key)) return; // both zip passes report what they pass over
    this.seen.add(key);
    this.skipped.push(detail ? { name, reason, detail } : { name, reason });
  };

  private async *run(): AsyncGenerator<ActivityInput> {
    if (this.started) throw new Error('parseUpload(): activities can be iterated only once');
    this.started = true;
    const { head, all } = await peek(iterateStream(await this.input.open()), SNIFF_BYTES);
    const kind = sniff(head);
    this.kind = kind;
    const yielded = kind === 'zip' ? this.zip(all) : this.single(all);
    for await (const activity of yielded) {
      this.found += 1;
      yield activity;
    }
    mergeWarnings(this.warnings);
    // Say something about an upload that produced nothing and no other complaint (an empty zip).
    const exportRead = Object.values(this.exportWellness?.kinds ?? {}).some((k) => k.read > 0);
    if (!this.found && !this.skipped.length && !this.wellness.length && !this.wellnessLeft.length && !exportRead)
      this.skip(this.input.name, 'no_activity');
  }

  private async *single(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<ActivityInput> {
    const activities = await this.parseFile(this.input.name, capUpload(chunks, this.limits.maxUploadBytes), 'fit_upload');
    yield* activities;
  }

  private async *zip(first: AsyncIterable<Uint8Array>): AsyncGenerator<ActivityInput> {
    const limits = this.limits;
    const index = new SummaryIndex();
    let garmin = false;
    let archive: ArchiveIndex | undefined;
    let csvSeen = false;
    let files = 0;
    // Entries read by no one; reported as unsupported only for a plain zip (an archive's profile, media, … are expected).
    const others: string[] = [];
    const wellnessOf = (name: string) => (this.input.exportWellness ? wellnessKindOf(name) : undefined);
    const maxEntryBytes = (name: string) =>
      SUMMARY_FILE.test(name) || ARCHIVE_CSV.test(name) || wellnessOf(name)
        ? limits.maxJsonEntryBytes
        : /\.fit(\.gz)?$/i.test(name)
          ? limits.maxFitFileBytes
          : limits.maxActivityFileBytes;
    const tooMany = () =>
      new ZipLimitError('activities', limits.maxActivitiesPerFile, `The upload holds more than ${limits.maxActivitiesPerFile} activities.`);

    // Pass 1: every cap (gzip included), the Garmin summaries and the Strava archive's rows.
    const wantsFirst = (name: string) => {
      if (GARMIN_TREE.test(name)) garmin = true;
      if (JUNK.test(name)) return false;
      const wanted =
        SUMMARY_FILE.test(name) || ACTIVITY_FILE.test(name) || wellnessOf(name) !== undefined || (!csvSeen && ARCHIVE_CSV.test(name));
      if (!wanted) others.push(name);
      return wanted;
    };
    this.budget = new ZipBudget(limits);
    for await (const entry of readZip(first, { limits, wants: wantsFirst, maxEntryBytes, onSkip: this.skip }, this.budget)) {
      if (SUMMARY_FILE.test(entry.name)) {
        garmin = true;
        await this.guard(entry.name, 'malformed_json', () =>
          scanSummaries(entry.chunks(), entry.name, {
            fallbackTimeZone: this.input.fallbackTimeZone,
            maxObjectChars: limits.maxJsonObjectChars,
            onSkip: this.skip,
            onSummary: (summary) => {
              if (index.add(summary) && index.size > limits.maxActivitiesPerFile) throw tooMany();
            },
          }),
        );
      } else if (!csvSeen && ARCHIVE_CSV.test(entry.name)) {
        csvSeen = true;
        const root = entry.name.slice(0, -'activities.csv'.length);
        archive = await this.guard(entry.name, 'malformed_csv', () =>
          readArchiveCsv(entry.chunks(), entry.name, {
            root,
            maxRowChars: limits.maxJsonObjectChars,
            maxRows: limits.maxActivitiesPerFile,
            onSkip: this.skip,
          }),
        );
      } else if (wellnessOf(entry.name)) {
        // Inflated under the caps only: its records are stored in pass 2, once nothing can fail the upload.
        await this.guard(entry.name, 'malformed_json', async () => {
          for await (const chunk of entry.chunks()) void chunk;
        });
      } else {
        if (++files > limits.maxActivitiesPerFile) throw tooMany();
        // Inflated here (a .gz twice over) only to be checked; corrupt entries are reported by pass 2.
        await this.guard(entry.name, undefined, async () => {
          for await (const chunk of this.inflated(entry.name, entry.chunks())) void chunk;
        });
      }
    }
    this.kind = archive ? 'strava_archive' : garmin ? 'garmin_export' : 'zip';
    if (this.kind === 'zip') for (const name of others) this.skip(name, 'unsupported_type');
    const sink = this.input.exportWellness;
    if (this.kind === 'garmin_export' && sink)
      this.exportWellness = { kinds: {}, otherFiles: others.filter((n) => OTHER_DI_JSON.test(n)).length };

    // Pass 2: parse and yield; Garmin FIT files take their summary's identity, an archive's files their row's.
    this.budget = new ZipBudget(limits);
    const second = iterateStream(await this.input.open());
    // In a Strava archive only its activities/ folder holds activities (routes/ holds planned routes, not sessions).
    const activitiesDir = archive ? `${archive.root}activities/` : '';
    const wantsSecond = (name: string) =>
      (ACTIVITY_FILE.test(name) && !JUNK.test(name) && name.startsWith(activitiesDir)) || (!!this.exportWellness && !!wellnessOf(name));
    for await (const entry of readZip(second, { limits, wants: wantsSecond, maxEntryBytes, onSkip: this.skip }, this.budget)) {
      const wellnessKind = wellnessOf(entry.name);
      if (wellnessKind && this.exportWellness && sink) {
        const opts = { maxObjectChars: limits.maxJsonObjectChars, tally: this.exportWellness.kinds, sink, onSkip: this.skip };
        await this.guard(entry.name, 'malformed_json', () => scanWellness(entry.chunks(), entry.name, wellnessKind, opts));
        continue;
      }
      const row = archive?.claim(entry.name);
      const parsed = await this.parseFile(entry.name, entry.chunks(), garmin && !archive ? 'garmin_export' : 'fit_upload');
      if (row) {
        if (!parsed.length) archive!.markUnreadable(row);
        for (const [n, activity] of parsed.entries()) yield withRow(activity, row, n);
        continue;
      }
      for (const activity of parsed) {
        const summary = garmin && activity.source === 'garmin_export' ? index.claim(activity, entry.name) : undefined;
        // A merge takes the summary's HR and power where the file has none: check what it brought.
        yield summary ? checkActivity(mergeWithSummary(activity, summary)) : activity;
      }
    }
    for (const summaryOnly of index.remaining()) yield checkActivity(summaryOnly);
    if (archive) {
      // Rows without a readable file are kept from the CSV's figures; a missing or unreadable file is said so.
      for (const leftover of archive.leftovers()) {
        const warning = leftoverWarning(leftover);
        if (warning)
          this.warnings.push({ name: leftover.row.file ?? `activities.csv#${leftover.row.line}`, reason: 'no_original', detail: warning });
        yield checkActivity(summaryActivity(leftover, this.input.fallbackTimeZone));
      }
      this.archive = archive.tally();
    }
  }

  /** An entry's bytes, gunzipped when it is gzip (by content), under the upload's caps. */
  private async *inflated(name: string, chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    const { head, all } = await peek(chunks, SNIFF_BYTES);
    if (sniff(head) !== 'gzip') return yield* all;
    yield* gunzip(all, {
      budget: this.budget,
      maxBytes: /\.fit(\.gz)?$/i.test(name) ? this.limits.maxFitFileBytes : this.limits.maxActivityFileBytes,
      name,
      corrupt: reasonFor('unknown', name),
    });
  }

  /** One file, by content. Bad files become `skipped`; caps and unreadable archives propagate. */
  private async parseFile(
    name: string,
    chunks: AsyncIterable<Uint8Array>,
    fitSource: 'fit_upload' | 'garmin_export',
  ): Promise<ActivityInput[]> {
    const warn = (reason: ImportWarning['reason'], detail: string) => void this.warnings.push({ name, reason, detail });
    const opts = { fallbackTimeZone: this.input.fallbackTimeZone, sportHint: this.input.sportHint, limits: this.limits, warn };
    let kind: FileKind = 'unknown';
    const parsed = await this.guard(
      name,
      () => reasonFor(kind, name),
      async () => {
        const { head, all } = await peek(this.inflated(name, chunks), SNIFF_BYTES);
        kind = sniff(head);
        if (kind === 'fit') {
          const max = this.limits.maxFitFileBytes;
          const bytes = await collectBytes(all, max, () => new FileParseError('too_large', `larger than ${max} bytes`));
          return await parseFitUpload(bytes, { ...opts, source: fitSource }, (w) => {
            this.wellness.push(...w.records);
            this.wellnessLeft.push(...w.left.map((l) => `${name}: ${l}`));
          });
        }
        if (kind === 'gpx') return parseGpx(all, opts);
        if (kind === 'tcx') return parseTcx(all, opts);
        const detail = kind === 'zip' ? 'a zip archive under an activity file name' : kind === 'gzip' ? 'gzip inside gzip' : undefined;
        this.skip(name, 'unsupported_type', detail);
        return [];
      },
    );
    // The plausibility layer runs here too, so the import report lists what it cleaned.
    const checked = (parsed ?? []).map(checkActivity);
    for (const a of checked) for (const note of a.dataQuality ?? []) if (note.code !== 'multisport_leg') warn(note.code, note.message);
    return checked;
  }

  /** Runs `work`; per-file problems become `skipped` (reason from the error, else `fallback`). */
  private async guard<T>(
    name: string,
    fallback: SkipReason | (() => SkipReason) | undefined,
    work: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof FileParseError) this.skip(name, error.reason, error.message);
      else if (error instanceof EntryCorruptError && fallback)
        this.skip(name, typeof fallback === 'function' ? fallback() : fallback, 'corrupt zip entry');
      else if (!(error instanceof EntrySkippedError || error instanceof EntryCorruptError)) throw error;
      return undefined;
    }
  }
}
