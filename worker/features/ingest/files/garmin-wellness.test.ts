import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildFit, chunksOf, garminExport, garminSummary, opener, summariesFile, zipBomb } from '../../../testing/fixtures/files.ts';
import {
  bioProfileRow,
  healthStatus,
  maxMet,
  sleepNight,
  udsDay,
  weighIn,
  wellnessEntries,
} from '../../../testing/fixtures/garmin-wellness.ts';
import {
  dayOf,
  OTHER_DI_JSON,
  scanWellness,
  type WellnessRecord,
  type WellnessTally,
  wellnessKindOf,
  wellnessRecord,
} from './garmin-wellness.ts';
import { parseUpload } from './import-file.ts';
import { UPLOAD_LIMITS } from './limits.ts';
import { type SkippedFile, ZipLimitError } from './types.ts';

describe('wellnessKindOf: Garmin’s file names, wherever the export puts its folders', () => {
  it('knows the five kinds by their real names and leaves other files to be counted', () => {
    expect(wellnessKindOf('DI_CONNECT/DI-Connect-Aggregator/UDSFile_2025-08-26_2025-12-04.json')).toBe('daily');
    expect(wellnessKindOf('DI_CONNECT/DI-Connect-Wellness/2025-08-27_2025-12-05_12192358_sleepData.json')).toBe('sleep');
    expect(wellnessKindOf('DI_CONNECT/DI-Connect-Wellness/2025-09-17_2025-12-03_12192358_healthStatusData.json')).toBe('hrv');
    expect(wellnessKindOf('DI_CONNECT/DI-Connect-Wellness/12192358_userBioMetrics.json')).toBe('weight');
    expect(wellnessKindOf('DI_CONNECT/DI-Connect-Metrics/MetricsMaxMetData_20250805_20250917_12192358.json')).toBe('vo2max');
    // Under the export's own top folder, or with the folder moved (Garmin reorganises between years).
    expect(wellnessKindOf('f3a1c9e0-uuid/DI_CONNECT/DI-Connect-Wellness/x_sleepData.json')).toBe('sleep');
    expect(wellnessKindOf('DI_CONNECT/DI-Connect-User/12192358_userBioMetrics.json')).toBe('weight');
    const other = 'DI_CONNECT/DI-Connect-Wellness/12192358_fitnessAgeData.json';
    expect(wellnessKindOf(other)).toBeUndefined();
    expect(OTHER_DI_JSON.test(other)).toBe(true);
    expect(wellnessKindOf('UDSFile_2025-08-26_2025-12-04.json')).toBeUndefined(); // not in an export
  });
});

describe('wellnessRecord: one object → the day’s values in stored units', () => {
  it('daily summary: resting HR, the TOTAL stress average and steps', () => {
    expect(wellnessRecord('daily', udsDay('2025-03-02'))).toEqual({
      kind: 'daily',
      externalId: 'uds:2025-03-02',
      day: '2025-03-02',
      values: { restingHr: 48, deviceStress: 31, steps: 9876 },
    });
    // Older exports: a top-level average, the day's RHR under another name; −1/−2 mean "not measured".
    const old = udsDay('2025-03-03', {
      allDayStress: undefined,
      averageStressLevel: 27,
      restingHeartRate: null,
      currentDayRestingHeartRate: 51,
    });
    expect(wellnessRecord('daily', old)).toMatchObject({ values: { restingHr: 51, deviceStress: 27, steps: 9876 } });
    const unmeasured = udsDay('2025-03-04', {
      allDayStress: { aggregatorList: [{ type: 'TOTAL', averageStressLevel: -1 }] },
      restingHeartRate: 0,
      currentDayRestingHeartRate: 0,
      totalSteps: null,
    });
    expect(wellnessRecord('daily', unmeasured)).toBe('no_values');
    expect(wellnessRecord('daily', udsDay('2025-02-30'))).toBe('no_day');
  });

  it('sleep: asleep = deep + light + REM on the wake day, and the overall score in either shape', () => {
    expect(wellnessRecord('sleep', sleepNight('2025-03-02'))).toEqual({
      kind: 'sleep',
      externalId: 'sleep:2025-03-02',
      day: '2025-03-02',
      values: { sleepS: 25_500, sleepScore: 82 },
    });
    expect(
      wellnessRecord('sleep', sleepNight('2025-03-03', { sleepScores: { overall: { value: 71, qualifierKey: 'FAIR' } } })),
    ).toMatchObject({
      values: { sleepS: 25_500, sleepScore: 71 },
    });
    expect(wellnessRecord('sleep', { calendarDate: '2025-03-04', sleepStartTimestampGMT: 1 })).toBe('no_values');
  });

  it('HRV: the overnight value of healthStatusData (Garmin’s baseline is its own, not kept); UNKNOWN is no reading', () => {
    expect(wellnessRecord('hrv', healthStatus('2025-03-02', 61))).toEqual({
      kind: 'hrv',
      externalId: 'hrv:2025-03-02',
      day: '2025-03-02',
      values: { hrvRmssd: 61 },
    });
    const unknown = healthStatus('2025-03-03', 0, { metrics: [{ type: 'HRV', value: 0, status: 'UNKNOWN' }] });
    expect(wellnessRecord('hrv', unknown)).toBe('no_values');
  });

  it('weigh-in: grams to kg on the local calendar day, body fat when the scale measured it; profile rows have no weight', () => {
    expect(wellnessRecord('weight', weighIn('2025-03-02', 61_850))).toEqual({
      kind: 'weight',
      externalId: 'weight:2025-03-02',
      day: '2025-03-02',
      values: { weightKg: 61.85, bodyFatPct: 18.4 },
    });
    expect(wellnessRecord('weight', weighIn('2025-03-03', 62_000, { bodyFat: 0 }))).toMatchObject({ values: { weightKg: 62 } });
    // Not a weigh-in at all: neither read nor left out.
    expect(wellnessRecord('weight', bioProfileRow('2025-03-03'))).toBe('not_a_record');
    expect(wellnessRecord('weight', { weight: { weight: null, timestampGMT: '2025-03-05T07:00:00.0' } })).toBe('no_values');
    // Without metaData the timestamp's date counts.
    expect(wellnessRecord('weight', { weight: { weight: 60_000, timestampGMT: '2025-03-05T07:00:00.0' } })).toMatchObject({
      day: '2025-03-05',
    });
  });

  it('VO2max: the running estimate; a cycling one is another measurement, left out', () => {
    expect(wellnessRecord('vo2max', maxMet('2025-03-02', 51.4))).toEqual({
      kind: 'vo2max',
      externalId: 'vo2max:2025-03-02',
      day: '2025-03-02',
      values: { vo2max: 51.4 },
    });
    expect(wellnessRecord('vo2max', maxMet('2025-03-02', 55, 'CYCLING'))).toBe('other_sport');
  });

  it('reads Garmin’s date shapes and refuses impossible days', () => {
    expect(dayOf('2025-03-02')).toBe('2025-03-02');
    expect(dayOf('2025-03-02T00:00:00.0')).toBe('2025-03-02');
    expect(dayOf(20_250_302)).toBe('2025-03-02');
    expect(dayOf(Date.parse('2025-03-02T00:00:00Z'))).toBe('2025-03-02');
    expect(dayOf([2025, 3, 2])).toBe('2025-03-02');
    for (const bad of ['2025-13-01', '2025-02-29', 'yesterday', 12, null, {}]) expect(dayOf(bad)).toBeUndefined();
  });
});

async function scan(text: string, kind: Parameters<typeof scanWellness>[2], chunk = 7, batch = 2) {
  const tally: WellnessTally = {};
  const skipped: SkippedFile[] = [];
  const batches: WellnessRecord[][] = [];
  await scanWellness(chunksOf(strToU8(text), chunk), 'f.json', kind, {
    maxObjectChars: 2000,
    tally,
    sink: async (records) => void batches.push(records),
    onSkip: (name, reason, detail) => void skipped.push({ name, reason, ...(detail ? { detail } : {}) }),
    batch,
  });
  return { tally, skipped, batches };
}

describe('scanWellness: streamed object by object, in bounded batches', () => {
  it('hands records over in batches of at most the batch size, whatever the chunking', async () => {
    const days = ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04', '2025-03-05'];
    const { tally, skipped, batches } = await scan(JSON.stringify(days.map((d) => sleepNight(d))), 'sleep');
    expect(skipped).toEqual([]);
    expect(tally).toEqual({ sleep: { read: 5, skipped: {} } });
    expect(batches.flat().map((r) => r.day)).toEqual(days);
    // A chunk can complete several objects at once: a batch may exceed the size by what that chunk held, never more.
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(3);
  });

  it('counts unreadable and oversized objects, and keeps what a file cut short held before the cut', async () => {
    const good = JSON.stringify(udsDay('2025-03-01'));
    const huge = JSON.stringify(udsDay('2025-03-02', { padding: 'x'.repeat(3000) }));
    const { tally, skipped, batches } = await scan(`[${good}, {"calendarDate": oops}, ${huge}, ${good.slice(0, 40)}`, 'daily');
    expect(batches.flat().map((r) => r.externalId)).toEqual(['uds:2025-03-01']);
    expect(tally.daily).toEqual({ read: 3, skipped: { malformed: 1, too_large: 1 } });
    expect(skipped).toEqual([{ name: 'f.json', reason: 'malformed_json', detail: 'the JSON ends early' }]);
  });

  it('refuses garbage that is not JSON at all, without a record', async () => {
    const { tally, skipped, batches } = await scan('\u0000\u0001PK garbage with no brackets', 'hrv');
    expect(batches).toEqual([]);
    expect(tally.hrv).toEqual({ read: 0, skipped: {} });
    expect(skipped).toEqual([{ name: 'f.json', reason: 'malformed_json', detail: 'not a JSON array' }]);
  });
});

describe('parseUpload: a Garmin export with wellness', () => {
  const run = garminSummary({ activityId: 70001, start: new Date('2025-03-02T06:30:00Z'), offsetH: 1 });
  const zip = () =>
    garminExport({
      summaries: [summariesFile([run])],
      fits: { 'athlete_70001.fit': buildFit({ start: new Date('2025-03-02T06:30:00Z'), laps: 2 }).bytes },
      extra: {
        ...wellnessEntries({
          uds: [[udsDay('2025-03-01'), udsDay('2025-03-02')], [udsDay('2025-03-03')]],
          sleep: [sleepNight('2025-03-02')],
          hrv: [healthStatus('2025-03-02', 61)],
          weight: [weighIn('2025-03-02', 61_850), bioProfileRow('2025-03-02')],
          vo2max: [maxMet('2025-03-02', 51.4), maxMet('2025-03-02', 55, 'CYCLING')],
        }),
        'DI_CONNECT/DI-Connect-Wellness/user_sleepData.json': strToU8('[]'),
        'DI_CONNECT/DI-Connect-Metrics/TrainingReadinessDTO_20250101_20250411_1.json': strToU8('[]'),
        'DI_CONNECT/DI-Connect-Wellness/1_fitnessAgeData.json': strToU8('[]'),
      },
    });

  it('streams every kind to the sink in pass 2, tallies them, counts the files nobody reads, and loses no activity', async () => {
    const records: WellnessRecord[] = [];
    const source = opener(zip());
    const parse = parseUpload({
      name: 'export.zip',
      open: source.open,
      fallbackTimeZone: 'Europe/Berlin',
      exportWellness: async (batch) => void records.push(...batch),
    });
    const activities = [];
    for await (const a of parse.activities) activities.push(a);
    expect(activities.map((a) => [a.externalId, a.detailComplete])).toEqual([['70001', true]]);
    expect(parse.kind).toBe('garmin_export');
    expect(parse.skipped).toEqual([]);
    expect(records.map((r) => r.externalId).sort()).toEqual([
      'hrv:2025-03-02',
      'sleep:2025-03-02',
      'uds:2025-03-01',
      'uds:2025-03-02',
      'uds:2025-03-03',
      'vo2max:2025-03-02',
      'weight:2025-03-02',
    ]);
    expect(parse.exportWellness).toEqual({
      kinds: {
        daily: { read: 3, skipped: {} },
        sleep: { read: 1, skipped: {} },
        hrv: { read: 1, skipped: {} },
        weight: { read: 1, skipped: {} },
        vo2max: { read: 2, skipped: { other_sport: 1 } },
      },
      otherFiles: 2,
    });
    expect(source.opens()).toBe(2);
  });

  it('reads no wellness file when nobody takes the records (a parse without a sink)', async () => {
    const parse = parseUpload({ name: 'export.zip', open: opener(zip()).open, fallbackTimeZone: 'Europe/Berlin' });
    for await (const _ of parse.activities) void _;
    expect(parse.found).toBe(1);
    expect(parse.exportWellness).toBeUndefined();
  });

  it('skips a wellness file over the JSON entry cap as too large, reading the rest and every activity', async () => {
    const big = JSON.stringify(
      Array.from({ length: 400 }, (_, i) => udsDay(`2025-0${1 + (Math.floor(i / 28) % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`)),
    );
    const bytes = garminExport({
      summaries: [summariesFile([run])],
      fits: { 'athlete_70001.fit': buildFit({ start: new Date('2025-03-02T06:30:00Z'), laps: 2 }).bytes },
      extra: {
        ...wellnessEntries({ sleep: [sleepNight('2025-03-02')] }),
        'DI_CONNECT/DI-Connect-Aggregator/UDSFile_2024-01-01_2025-01-01.json': strToU8(big),
      },
    });
    const records: WellnessRecord[] = [];
    const parse = parseUpload({
      name: 'export.zip',
      open: opener(bytes).open,
      fallbackTimeZone: 'UTC',
      limits: { ...UPLOAD_LIMITS, maxJsonEntryBytes: 64 * 1024 },
      exportWellness: async (batch) => void records.push(...batch),
    });
    for await (const _ of parse.activities) void _;
    expect(parse.found).toBe(1);
    expect(big.length).toBeGreaterThan(64 * 1024);
    expect(parse.skipped).toEqual([{ name: 'DI_CONNECT/DI-Connect-Aggregator/UDSFile_2024-01-01_2025-01-01.json', reason: 'too_large' }]);
    expect(records.map((r) => r.externalId)).toEqual(['sleep:2025-03-02']);
  });

  it('stores no day when a cap fails the upload after the wellness files (commit safety, ADR 006)', async () => {
    const files = wellnessEntries({ uds: [[udsDay('2025-03-01')]], sleep: [sleepNight('2025-03-02')] });
    const bytes = await zipBomb(50 * 1024 * 1024, files as Record<string, Uint8Array>);
    const records: WellnessRecord[] = [];
    const parse = parseUpload({
      name: 'export.zip',
      open: opener(bytes).open,
      fallbackTimeZone: 'UTC',
      exportWellness: async (b) => void records.push(...b),
    });
    await expect(async () => {
      for await (const _ of parse.activities) void _;
    }).rejects.toBeInstanceOf(ZipLimitError);
    expect(records).toEqual([]);
  });
});
