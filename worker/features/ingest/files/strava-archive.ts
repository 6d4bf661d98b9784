// The athlete's Strava archive ("Download or delete your account" → Request archive: export_<id>.zip,
// ADR 037). Its activities.csv lists every activity, one row each, and names the original file under
// activities/ (`<upload id>.fit.gz`, `.gpx`, `.gpx.gz`, `.tcx.gz`, `.fit`; empty for a manual entry).
// The columns grew over the years (10 in 2018, 103 in 2026), are written in the account's language,
// and several headers repeat with other units, so every column is found by name and occurrence:
//   Elapsed Time   1st: whole seconds        2nd: seconds (decimal)     → the 2nd, else the 1st
//   Distance       1st: km or mi (display)   2nd: metres                → the 2nd; the 2018 `distance` is metres
//   Max Heart Rate 1st and 2nd: bpm                                     → the 2nd, else the 1st
//   Commute        1st: "true"/"false"       2nd: "1.0"/"0.0"           → the 1st, else the 2nd
// Rows are read here (pass 1 of the zip) into an index by file path; pass 2 pairs each file with its
// row (import-file.ts). The row gives identity (Strava's activity id), name, description, type, gear
// and commute; the file gives the recording.
import { type ActivityInput, checkActivity, type DataQualityNote } from '../../activities/index.ts';
import { defaultName, localDateIn } from './common.ts';
import { CsvReader } from './csv.ts';
import { archiveText, isStravaType, parseArchiveBool, parseArchiveDate, parseArchiveNumber, stravaSport } from './strava-archive-values.ts';
import { FileParseError, type SkipSink, ZipLimitError } from './types.ts';

/** activities.csv at the archive's root, or under its one top folder (an archive unpacked and zipped again). */
export const ARCHIVE_CSV = /^(?:([^/]+)\/)?activities\.csv$/i;
/** An activity file, gzip-compressed or not. */
export const ARCHIVE_FILE = /\.(fit|gpx|tcx)(\.gz)?$/i;

// Header names per column, in order of preference: English (2019 onwards), German, the 2018 names.
const NAMES = {
  id: ['activity id', 'aktivitäts-id', 'id'],
  date: ['activity date', 'aktivitätsdatum', 'date'],
  name: ['activity name', 'name der aktivität', 'name'],
  type: ['activity type', 'aktivitätsart', 'type'],
  description: ['activity description', 'aktivitätsbeschreibung', 'description'],
  elapsed: ['elapsed time', 'verstrichene zeit', 'elapsed_time'],
  moving: ['moving time', 'bewegungszeit', 'moving_time'],
  distance: ['distance', 'distanz'],
  maxHr: ['max heart rate', 'max. herzfrequenz'],
  avgHr: ['average heart rate', 'durchschnittliche herzfrequenz'],
  elevation: ['elevation gain', 'höhenzunahme'],
  commute: ['commute', 'pendeln'],
  gear: ['activity gear', 'aktivitätsausrüstung', 'gear'],
  file: ['filename', 'dateiname'],
  avgPower: ['average watts', 'durchschnittliche watt'],
  weightedPower: ['weighted average power', 'gewichtete durchschnittliche leistung'],
  calories: ['calories', 'kalorien'],
  cadence: ['average cadence', 'durchschnittliche trittfrequenz'],
} as const;
type Column = keyof typeof NAMES;

/** Each column's positions (every occurrence of the first header name found for it), and whether the lone distance is metres. */
export interface ArchiveColumns {
  at: Record<Column, number[]>;
  distanceInMetres: 'last' | 'only' | 'none';
}

/** The columns of a Strava activities.csv header; undefined when it is not one (no id, date or file column). */
export function resolveColumns(header: string[]): ArchiveColumns | undefined {
  const cells = header.map((h) => h.trim().toLowerCase());
  const at = {} as Record<Column, number[]>;
  for (const column of Object.keys(NAMES) as Column[]) {
    const name = NAMES[column].find((n) => cells.includes(n));
    at[column] = name ? cells.flatMap((c, i) => (c === name ? [i] : [])) : [];
  }
  if (!at.id.length || !at.date.length || !at.file.length) return undefined;
  // Two distances: the last is metres. One: metres only in the 2018 layout (lower-case `distance`).
  const distances = at.distance.length;
  const distanceInMetres = distances > 1 ? 'last' : distances === 1 && header[at.distance[0]!]?.trim() === 'distance' ? 'only' : 'none';
  return { at, distanceInMetres };
}

/** One row of activities.csv, as much of it as an activity needs. */
export interface ArchiveRow {
  line: number;
  id: string;
  start: Date;
  name?: string;
  type?: string;
  description?: string;
  gear?: string;
  commute?: boolean;
  elapsedS?: number;
  movingS?: number;
  distanceM?: number;
  elevationGainM?: number;
  maxHr?: number;
  avgHr?: number;
  avgPower?: number;
  normalizedPower?: number;
  calories?: number;
  avgCadence?: number;
  /** The original file's path relative to the archive's root (activities/…), absent for a manual entry. */
  file?: string;
}

/** The row, or why it cannot be one (reported as `malformed_csv`). */
export function readRow(fields: string[], cols: ArchiveColumns, line: number): ArchiveRow | string {
  const cell = (c: Column, which: 'first' | 'last' = 'first') => {
    const positions = which === 'first' ? cols.at[c] : [...cols.at[c]].reverse();
    for (const p of positions) {
      const v = fields[p]?.trim();
      if (v) return v;
    }
    return undefined;
  };
  const num = (c: Column, which: 'first' | 'last' = 'first') => parseArchiveNumber(cell(c, which));
  const id = cell('id')?.replace(/\.0+$/, '');
  if (!id || !/^\d{1,20}$/.test(id)) return 'no activity id';
  const dateText = cell('date');
  const start = dateText ? parseArchiveDate(dateText) : undefined;
  if (!start) return `activity ${id}: unreadable date`;
  const metres = cols.distanceInMetres === 'none' ? undefined : parseArchiveNumber(fields[cols.at.distance.at(-1)!]);
  const file = cell('file');
  const positive = (n: number | undefined) => (n !== undefined && n > 0 ? n : undefined);
  return {
    line,
    id,
    start,
    name: archiveText(cell('name'), 500),
    type: archiveText(cell('type'), 100),
    description: archiveText(cell('description')),
    gear: archiveText(cell('gear'), 200),
    commute: parseArchiveBool(cell('commute')) ?? parseArchiveBool(cell('commute', 'last')),
    elapsedS: num('elapsed', 'last'),
    movingS: num('moving'),
    distanceM: metres,
    elevationGainM: num('elevation'),
    maxHr: positive(num('maxHr', 'last')),
    avgHr: positive(num('avgHr')),
    avgPower: positive(num('avgPower')),
    normalizedPower: positive(num('weightedPower')),
    calories: positive(num('calories')),
    avgCadence: positive(num('cadence')),
    file: file ? file.replace(/^\.?\//, '') : undefined,
  };
}

/** What became of a row without a readable file. */
export type Leftover = { row: ArchiveRow; why: 'manual' | 'missing' | 'unreadable' };

/** The archive's rows, waiting for their files; built in pass 1, claimed in pass 2. */
export class ArchiveIndex {
  private readonly byFile = new Map<string, ArchiveRow>();
  private readonly rows: ArchiveRow[] = [];
  private readonly ids = new Set<string>();
  private readonly claimed = new Set<ArchiveRow>();
  private readonly unreadable = new Set<ArchiveRow>();
  /** Data rows in the file, readable or not. */
  lines = 0;

  /** `root` is the folder holding activities.csv ("" or "export_123/"). */
  constructor(readonly root: string) {}

  get size(): number {
    return this.rows.length;
  }

  /** False for a repeated activity id (its first row stands). */
  add(row: ArchiveRow): boolean {
    if (this.ids.has(row.id)) return false;
    this.ids.add(row.id);
    this.rows.push(row);
    if (row.file) this.byFile.set(row.file.toLowerCase(), row);
    return true;
  }

  /** The row naming this zip entry as its file (and which it is), if any. */
  claim(entryName: string): ArchiveRow | undefined {
    if (!entryName.startsWith(this.root)) return undefined;
    const row = this.byFile.get(entryName.slice(this.root.length).toLowerCase());
    if (!row || this.claimed.has(row)) return undefined;
    this.claimed.add(row);
    return row;
  }

  /** The row's file was there but held no activity we could read. */
  markUnreadable(row: ArchiveRow): void {
    this.unreadable.add(row);
  }

  /** Rows whose file never produced an activity: manual entries, files not in the archive, unreadable ones. */
  *leftovers(): Generator<Leftover> {
    for (const row of this.rows) {
      if (!row.file) yield { row, why: 'manual' };
      else if (this.claimed.has(row)) {
        if (this.unreadable.has(row)) yield { row, why: 'unreadable' };
      }
      // A file in a format we do not read (never asked for from the zip) counts as unreadable, not missing.
      else yield { row, why: ARCHIVE_FILE.test(row.file) ? 'missing' : 'unreadable' };
    }
  }

  /** Counts for the import report. */
  tally(): { rows: number; withFiles: number; manual: number; missing: number; unreadable: number } {
    const counts = { rows: this.lines, withFiles: 0, manual: 0, missing: 0, unreadable: 0 };
    for (const l of this.leftovers()) counts[l.why] += 1;
    counts.withFiles = this.rows.length - counts.manual - counts.missing - counts.unreadable;
    return counts;
  }
}

/**
 * Streams activities.csv into an index. Undefined when its header is not a Strava one (the caller
 * reports it as an unsupported file); bad rows are reported and passed over.
 */
export async function readArchiveCsv(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
  opts: { root: string; maxRowChars: number; maxRows: number; onSkip: SkipSink },
): Promise<ArchiveIndex | undefined> {
  const index = new ArchiveIndex(opts.root);
  let cols: ArchiveColumns | undefined;
  let header = true;
  const bad = (line: number, detail: string) => opts.onSkip(`${file}#${line}`, 'malformed_csv', detail);
  const reader = new CsvReader(
    {
      onRow(fields, line) {
        if (header) {
          header = false;
          cols = resolveColumns(fields);
          if (!cols) throw new FileParseError('unsupported_type', 'not a Strava activities.csv (no activity id, date or file column)');
          return;
        }
        index.lines += 1;
        if (index.lines > opts.maxRows)
          throw new ZipLimitError('activities', opts.maxRows, `The archive lists more than ${opts.maxRows} activities.`);
        const row = readRow(fields, cols!, line);
        if (typeof row === 'string') bad(line, row);
        else if (!index.add(row)) bad(line, `activity ${row.id} is listed twice`);
      },
      onOversized(line) {
        if (header) throw new FileParseError('malformed_csv', 'header row too long');
        index.lines += 1;
        bad(line, 'row too long');
      },
    },
    opts.maxRowChars,
  );
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) reader.write(decoder.decode(chunk, { stream: true }));
  reader.write(decoder.decode());
  reader.end();
  return cols ? index : undefined;
}

const extrasOf = (row: ArchiveRow): ActivityInput['extras'] => {
  const extras: NonNullable<ActivityInput['extras']> = {};
  if (row.description) extras.description = row.description;
  if (row.gear) extras.gear = row.gear;
  if (row.commute !== undefined) extras.commute = row.commute;
  return extras;
};

const LEFTOVER_NOTES: Record<Exclude<Leftover['why'], 'manual'>, string> = {
  missing: 'Its original file was not in the Strava archive: imported from activities.csv, without the recording',
  unreadable: 'Its original file in the Strava archive could not be read: imported from activities.csv, without the recording',
};

/** A row without its recording, from the CSV's figures (time, distance, elevation, heart rate, power where given). */
export function summaryActivity(leftover: Leftover, fallbackTimeZone: string): ActivityInput {
  const { row, why } = leftover;
  const sport = stravaSport(row.type ?? '');
  const elapsed = row.elapsedS ?? row.movingS ?? 0;
  const notes: DataQualityNote[] = why === 'manual' ? [] : [{ code: 'no_original', message: LEFTOVER_NOTES[why] }];
  return {
    source: 'strava_archive',
    externalId: row.id,
    sport,
    sportOriginal: row.type ?? 'Workout',
    name: row.name ?? defaultName(sport),
    startTime: row.start,
    localStartDate: localDateIn(row.start, fallbackTimeZone),
    timezone: null,
    movingTimeS: Math.round(row.movingS ?? elapsed),
    elapsedTimeS: Math.round(elapsed),
    distanceM: row.distanceM ?? 0,
    elevationGainM: row.elevationGainM ?? null,
    avgHr: row.avgHr ?? null,
    maxHr: row.maxHr ?? null,
    avgPower: row.avgPower ?? null,
    normalizedPower: row.normalizedPower ?? null,
    avgCadence: row.avgCadence ?? null,
    calories: row.calories ?? null,
    detailComplete: false,
    dataQuality: notes,
    extras: extrasOf(row),
  };
}

// The report's words: whether the summary was stored or a Strava copy with the recording was kept is
// decided when it is written, and the report's summary says which.
const LEFTOVER_WARNINGS: Record<Exclude<Leftover['why'], 'manual'>, string> = {
  missing: 'Listed in activities.csv, but its original file is not in the archive',
  unreadable: 'Its original file in the archive could not be read',
};

/** The message a leftover's warning carries in the import report (none for a manual entry). */
export function leftoverWarning(leftover: Leftover): string | undefined {
  return leftover.why === 'manual' ? undefined : LEFTOVER_WARNINGS[leftover.why];
}

/**
 * A file's activity under its row's identity: Strava's activity id (`:<n>` for the n-th activity of
 * a multi-activity file), the row's name, description, gear and commute flag, and the row's type when
 * Strava names it (the athlete may have corrected what the device said). Figures the file lacks come
 * from the row.
 */
export function withRow(activity: ActivityInput, row: ArchiveRow, n: number): ActivityInput {
  const typed = row.type !== undefined && isStravaType(row.type);
  const single = n === 0;
  const merged: ActivityInput = {
    ...activity,
    source: 'strava_archive',
    externalId: single ? row.id : `${row.id}:${n + 1}`,
    name: single && row.name ? row.name : activity.name,
    elevationGainM: activity.elevationGainM ?? row.elevationGainM ?? null,
    avgHr: activity.avgHr ?? row.avgHr ?? null,
    maxHr: activity.maxHr ?? row.maxHr ?? null,
    avgPower: activity.avgPower ?? row.avgPower ?? null,
    normalizedPower: activity.normalizedPower ?? row.normalizedPower ?? null,
    avgCadence: activity.avgCadence ?? row.avgCadence ?? null,
    calories: activity.calories ?? row.calories ?? null,
    extras: extrasOf(row),
    detailComplete: true,
  };
  // A multisport file's legs keep their own sports; a single activity takes the type the athlete chose.
  if (typed && single && !activity.multisportGroup) {
    merged.sport = stravaSport(row.type!);
    merged.sportOriginal = row.type!;
    merged.sportInferred = false;
    merged.dataQuality = (activity.dataQuality ?? []).filter((q) => q.code !== 'sport_inferred');
  }
  return checkActivity(merged);
}
