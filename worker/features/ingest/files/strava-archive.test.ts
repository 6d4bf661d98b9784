// The Strava archive's activities.csv, read by name and occurrence across the layouts it had over the
// years (ADR 037). Layouts as documented in public parsers of the archive: 2018's ten lower-case
// columns, 2020's without "Max Heart Rate" after Distance, today's 103, and a German account's.
import { describe, expect, it } from 'vitest';
import {
  ACTIVITIES_CSV_HEADER,
  activitiesCsv,
  activityRow,
  generateHistory,
  manualRow,
} from '../../../../scripts/sandbox/strava-archive.ts';
import { CsvReader } from './csv.ts';
import { readArchiveCsv, readRow, resolveColumns, summaryActivity, withRow, type ArchiveRow } from './strava-archive.ts';
import { parseArchiveBool, parseArchiveDate, parseArchiveNumber, stravaSport } from './strava-archive-values.ts';
import { FileParseError, type SkippedFile, ZipLimitError } from './types.ts';
import type { ActivityInput } from '../../activities/index.ts';

const LEGACY_2018 = ['id', 'date', 'name', 'type', 'description', 'elapsed_time', 'distance', 'commute', 'gear', 'filename'];
const EN_2020 =
  'Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Relative Effort,Commute,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories'.split(
    ',',
  );
const DE =
  'Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Aktivitätsbeschreibung,Verstrichene Zeit,Distanz,Max. Herzfrequenz,Relative Leistung,Pendeln,Hinweis zur Privatsphäre für Aktivitäten,Aktivitätsausrüstung,Dateiname,Sportlergewicht,Fahrradgewicht,Verstrichene Zeit,Bewegungszeit,Distanz,Höchstgeschw.,Durchschnittliche Geschwindigkeit,Höhenzunahme,Höhenunterschied,Min. Höhe,Max. Höhe,Max. Steigung,Durchschnittliche Steigung,Durchschnittliche positive Steigung,Durchschnittliche negative Steigung,Max. Tritt-/Schrittfrequenz,Durchschnittliche Trittfrequenz,Max. Herzfrequenz,Durchschnittliche Herzfrequenz,Max. Watt,Durchschnittliche Watt,Kalorien'.split(
    ',',
  );

async function* textChunks(text: string, size = 97): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

async function index(csv: string, opts: { root?: string; maxRows?: number } = {}) {
  const skipped: SkippedFile[] = [];
  const idx = await readArchiveCsv(textChunks(csv), 'activities.csv', {
    root: opts.root ?? '',
    maxRowChars: 100_000,
    maxRows: opts.maxRows ?? 1000,
    onSkip: (name, reason, detail) => skipped.push({ name, reason, detail }),
  });
  return { idx: idx!, skipped };
}

/** A row written by the sandbox's CSV writer and read back field by field. */
const rowOf = (header: string[], values: Record<string, string>) => {
  const cols = resolveColumns(header)!;
  const lines: string[][] = [];
  const reader = new CsvReader({ onRow: (fields) => lines.push(fields), onOversized: () => undefined }, 100_000);
  reader.write(activitiesCsv([values], header));
  reader.end();
  return readRow(lines[1]!, cols, 2) as ArchiveRow;
};

describe('activities.csv columns', () => {
  it('finds every column it needs in today’s 103-column header, taking metres, seconds and bpm from the repeated columns', () => {
    const cols = resolveColumns(ACTIVITIES_CSV_HEADER)!;
    expect(ACTIVITIES_CSV_HEADER).toHaveLength(103);
    expect(cols.at.distance).toEqual([6, 17]);
    expect(cols.at.elapsed).toEqual([5, 15]);
    expect(cols.at.maxHr).toEqual([7, 30]);
    expect(cols.at.commute).toEqual([9, 50]);
    // "Activity Gear" (the name), not the numeric "Gear" id further along; "Activity Type", not the empty "Type".
    expect(cols.at.gear).toEqual([11]);
    expect(cols.at.type).toEqual([3]);
    expect(cols.distanceInMetres).toBe('last');
  });

  it('reads a row of every layout into the same figures', () => {
    const today = rowOf(ACTIVITIES_CSV_HEADER, {
      'Activity ID': '9041865559',
      'Activity Date': 'May 9, 2023, 10:09:29 AM',
      'Activity Name': '🎵🎶',
      'Activity Type': 'Ride',
      'Elapsed Time': '34021',
      Distance: '200.10',
      'Max Heart Rate': '',
      Commute: 'false',
      'Activity Gear': 'Topstone',
      Filename: 'activities/9700428229.fit.gz',
      'Elapsed Time#2': '34021.0',
      'Moving Time': '28586.0',
      'Distance#2': '200100.015625',
      'Elevation Gain': '1433.0',
      'Max Heart Rate#2': '171.0',
      'Average Heart Rate': '140.5',
      'Weighted Average Power': '202.9',
      'Commute#2': '1.0',
    });
    expect(today).toMatchObject({
      id: '9041865559',
      start: new Date('2023-05-09T10:09:29Z'),
      name: '🎵🎶',
      type: 'Ride',
      gear: 'Topstone',
      file: 'activities/9700428229.fit.gz',
      elapsedS: 34021,
      movingS: 28586,
      distanceM: 200100.015625,
      elevationGainM: 1433,
      maxHr: 171,
      avgHr: 140.5,
      normalizedPower: 202.9,
      // The first Commute column ("false") wins over the second.
      commute: false,
    });

    const legacy = rowOf(LEGACY_2018, {
      id: '1988225457',
      date: '2018-11-27 19:11:32',
      name: 'Evening Ride',
      type: 'Ride',
      elapsed_time: '1468',
      distance: '6075.0',
      commute: 'true',
      gear: '1x1x8',
      filename: 'activities/2125648250.fit.gz',
    });
    expect(legacy).toMatchObject({
      id: '1988225457',
      start: new Date('2018-11-27T19:11:32Z'),
      elapsedS: 1468,
      distanceM: 6075,
      commute: true,
    });
    expect(legacy).toMatchObject({ gear: '1x1x8', file: 'activities/2125648250.fit.gz' });

    const older = rowOf(EN_2020, {
      'Activity ID': '3',
      'Activity Date': 'Jan 15, 2020, 7:30:00 AM',
      'Activity Type': 'Run',
      'Elapsed Time': '2730',
      Distance: '5.20',
      'Distance#2': '5203.4',
      'Max Heart Rate': '175.0',
      Filename: '',
    });
    expect(older).toMatchObject({ distanceM: 5203.4, elapsedS: 2730, maxHr: 175, file: undefined });

    const german = rowOf(DE, {
      'Aktivitäts-ID': '12345',
      Aktivitätsdatum: '20.09.2026, 14:12:12',
      'Name der Aktivität': 'Nachmittagslauf',
      Aktivitätsart: 'Run',
      'Verstrichene Zeit': '3100',
      Distanz: '10,20',
      'Verstrichene Zeit#2': '3100,0',
      'Distanz#2': '10200,5',
      Pendeln: 'true',
      Dateiname: 'activities/12345.gpx',
    });
    expect(german).toMatchObject({
      id: '12345',
      start: new Date('2026-09-20T14:12:12Z'),
      distanceM: 10200.5,
      elapsedS: 3100,
      commute: true,
    });
  });

  it('says why a row cannot be read, and is no Strava header without an id, date or file column', () => {
    const cols = resolveColumns(ACTIVITIES_CSV_HEADER)!;
    expect(readRow(['', 'May 9, 2023, 10:09:29 AM'], cols, 2)).toBe('no activity id');
    expect(readRow(['17', '03/04/2024 10:00'], cols, 2)).toBe('activity 17: unreadable date');
    expect(resolveColumns(['Date', 'Steps'])).toBeUndefined();
    expect(resolveColumns(['Activity ID', 'Activity Date', 'Activity Name'])).toBeUndefined();
  });
});

describe('archive values', () => {
  it('reads dates in UTC in every locale layout, refusing what it cannot tell apart', () => {
    expect(parseArchiveDate('May 9, 2023, 10:09:29 AM')).toEqual(new Date('2023-05-09T10:09:29Z'));
    expect(parseArchiveDate('Dec 31, 2024, 12:05:00 AM')).toEqual(new Date('2024-12-31T00:05:00Z'));
    expect(parseArchiveDate('Jul 4, 2024, 12:30:00\u202fPM')).toEqual(new Date('2024-07-04T12:30:00Z'));
    expect(parseArchiveDate('9 May 2023, 22:09:29')).toEqual(new Date('2023-05-09T22:09:29Z'));
    expect(parseArchiveDate('20.09.2026, 14:12:12')).toEqual(new Date('2026-09-20T14:12:12Z'));
    expect(parseArchiveDate('2018-11-27 19:11:32')).toEqual(new Date('2018-11-27T19:11:32Z'));
    for (const bad of ['03/04/2024 10:00:00', 'Feb 30, 2024, 1:00:00 AM', 'Foo 3, 2024, 1:00:00 AM', '13:00', ''])
      expect(parseArchiveDate(bad)).toBeUndefined();
  });

  it('reads numbers with either decimal mark, and yes/no both ways', () => {
    expect(parseArchiveNumber('200100.015625')).toBe(200100.015625);
    expect(parseArchiveNumber('10,20')).toBe(10.2);
    expect(parseArchiveNumber('1,234.5')).toBe(1234.5);
    expect(parseArchiveNumber('1.234,5')).toBe(1234.5);
    expect(parseArchiveNumber('-154.8')).toBe(-154.8);
    for (const absent of ['', ' ', 'n/a', undefined]) expect(parseArchiveNumber(absent)).toBeUndefined();
    expect([
      parseArchiveBool('true'),
      parseArchiveBool('1.0'),
      parseArchiveBool('false'),
      parseArchiveBool('0.0'),
      parseArchiveBool(''),
    ]).toEqual([true, true, false, false, undefined]);
  });

  it("maps Strava's activity types, as the API and the archive spell them", () => {
    const cases: [string, string][] = [
      ['Run', 'run'],
      ['Trail Run', 'run'],
      ['TrailRun', 'run'],
      ['VirtualRun', 'run'],
      ['Ride', 'ride'],
      ['Gravel Ride', 'ride'],
      ['Mountain Bike Ride', 'ride'],
      ['E-Bike Ride', 'ride'],
      ['EBikeRide', 'ride'],
      ['Virtual Ride', 'ride'],
      ['Swim', 'swim'],
      ['Walk', 'walk'],
      ['Hike', 'hike'],
      ['Weight Training', 'strength'],
      ['Workout', 'strength'],
      ['HIIT', 'strength'],
      ['Rowing', 'other'],
      ['Nordic Ski', 'other'],
      ['Yoga', 'other'],
      ['Stair-Stepper', 'other'],
      ['Something New', 'other'],
    ];
    for (const [type, sport] of cases) expect([type, stravaSport(type)]).toEqual([type, sport]);
  });
});

describe('readArchiveCsv and the index', () => {
  const history = generateHistory(2718, { count: 6, endDate: new Date('2026-03-01T00:00:00Z') });
  const rows = [
    ...history.map((a, i) => activityRow(a, i === 5 ? 'activities/999.json' : `activities/${1000 + i}.fit.gz`)),
    manualRow({ id: 42, startMs: Date.parse('2026-02-01T07:00:00Z'), name: 'Gym', type: 'Weight Training', elapsedS: 2700 }),
  ];

  it('indexes every row by its file, reports bad rows, and tallies manual, missing and unreadable rows', async () => {
    const csv = activitiesCsv([
      ...rows,
      { 'Activity ID': 'x', 'Activity Date': 'May 9, 2023, 10:09:29 AM' },
      { ...rows[0]!, 'Activity Name': 'again' },
    ]);
    const { idx, skipped } = await index(csv, { root: 'export_2718/' });
    expect(idx.size).toBe(7);
    expect(skipped).toEqual([
      { name: 'activities.csv#9', reason: 'malformed_csv', detail: 'no activity id' },
      { name: 'activities.csv#10', reason: 'malformed_csv', detail: `activity ${history[0]!.id} is listed twice` },
    ]);
    expect(idx.claim('activities/1000.fit.gz')).toBeUndefined(); // outside the archive's root
    const first = idx.claim('export_2718/activities/1000.fit.gz');
    expect(first?.id).toBe(String(history[0]!.id));
    expect(idx.claim('export_2718/activities/1000.fit.gz')).toBeUndefined(); // claimed once
    const second = idx.claim('export_2718/activities/1001.fit.gz')!;
    idx.markUnreadable(second);
    for (const n of [1002, 1003]) idx.claim(`export_2718/activities/${n}.fit.gz`);
    // 1004 never came: missing; 999.json is a format we do not read; 42 is a manual entry.
    expect(idx.tally()).toEqual({ rows: 9, withFiles: 3, manual: 1, missing: 1, unreadable: 2 });
    expect([...idx.leftovers()].map((l) => [l.row.id, l.why])).toEqual([
      [String(history[1]!.id), 'unreadable'],
      [String(history[4]!.id), 'missing'],
      [String(history[5]!.id), 'unreadable'],
      ['42', 'manual'],
    ]);
  });

  it('refuses a CSV that is not a Strava one, and an archive listing more activities than the cap', async () => {
    await expect(index('Date,Steps\r\n2024-01-01,1000\r\n')).rejects.toBeInstanceOf(FileParseError);
    await expect(index(activitiesCsv(rows), { maxRows: 3 })).rejects.toBeInstanceOf(ZipLimitError);
  });
});

describe('activities from the archive', () => {
  const a = generateHistory(2718, { count: 3, endDate: new Date('2026-03-01T00:00:00Z') })[2]!;
  const row = { ...(rowOf(ACTIVITIES_CSV_HEADER, activityRow(a, 'activities/1.fit.gz')) as ArchiveRow), description: 'Easy\nwith friends' };

  it('keeps a row without its file as a summary from the CSV, saying why when a file was expected', () => {
    const missing = summaryActivity({ row, why: 'missing' }, 'Europe/Berlin');
    expect(missing).toMatchObject({
      source: 'strava_archive',
      externalId: String(a.id),
      name: a.name,
      startTime: new Date(Math.floor(a.startMs / 1000) * 1000),
      distanceM: Math.round(a.distance * 10) / 10,
      detailComplete: false,
      extras: { description: 'Easy\nwith friends', commute: a.commute },
    });
    expect(missing.dataQuality?.map((q) => q.code)).toEqual(['no_original']);
    expect(summaryActivity({ row, why: 'manual' }, 'UTC').dataQuality).toEqual([]);
  });

  it("puts a file's recording under the row's identity, name, type and extras", () => {
    const fromFile: ActivityInput = {
      source: 'gpx_upload',
      externalId: 'sha256-of-the-file',
      sport: 'walk',
      sportOriginal: 'walk',
      sportInferred: true,
      name: 'Walk',
      startTime: new Date(a.startMs),
      localStartDate: '2026-02-27',
      movingTimeS: a.movingTime,
      elapsedTimeS: a.elapsedTime,
      distanceM: a.distance,
      avgHr: null,
      detailComplete: true,
      dataQuality: [{ code: 'sport_inferred', message: 'No sport in the file' }],
    };
    const merged = withRow(fromFile, { ...row, type: 'Trail Run' }, 0);
    expect(merged).toMatchObject({
      source: 'strava_archive',
      externalId: String(a.id),
      name: a.name,
      sport: 'run',
      sportOriginal: 'Trail Run',
      sportInferred: false,
      detailComplete: true,
      avgHr: row.avgHr ?? null,
    });
    expect(merged.dataQuality ?? []).toEqual([]);
    // A second activity of the same file gets its own id.
    expect(withRow(fromFile, row, 1).externalId).toBe(`${a.id}:2`);
  });
});
