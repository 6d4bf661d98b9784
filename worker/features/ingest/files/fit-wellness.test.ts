// Wellness in FIT files through the upload parser: a scale's weight file, a night's sleep file and an HRV status
// summary become wellness records on the athlete's local day (counted, not "no activity found"); a family scale's
// readings of several people are left out and said so; an activity's beat-to-beat `hrv` is never an rMSSD.
// The files are written with Garmin's Encoder (scripts/sandbox/garmin-fit-wellness.ts) and each is checked first
// with the SDK's Decoder directly, independent of our parser.
import { Decoder, Encoder, Stream } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { hrvStatusFit, sleepFit, weightScaleFit } from '../../../../scripts/sandbox/garmin-fit-wellness.ts';
import { opener } from '../../../testing/fixtures/files.ts';
import { parseUpload } from './import-file.ts';

async function run(bytes: Uint8Array, timeZone = 'Europe/Helsinki') {
  const parse = parseUpload({ name: 'upload.fit', open: opener(bytes).open, fallbackTimeZone: timeZone });
  let activities = 0;
  for await (const _ of parse.activities) activities++;
  return { parse, activities };
}

const decoded = (bytes: Uint8Array) => {
  const d = new Decoder(Stream.fromByteArray(bytes));
  expect(d.checkIntegrity()).toBe(true);
  return d.read({ convertDateTimesToDates: false }).messages;
};

describe('wellness in FIT files', () => {
  it("a scale's weigh-ins become weight and body-fat readings on the athlete's local day", async () => {
    // 23:40 UTC on the 19th is 01:40 on the 20th in Helsinki: the local day is the 20th.
    const bytes = weightScaleFit([
      { at: new Date('2026-11-19T23:40:00Z'), kg: 71.35, fatPct: 14.2 },
      { at: new Date('2026-11-21T06:05:00Z'), kg: 70.9 },
      { at: new Date('2026-11-22T06:01:00Z'), kg: 70.6, fatPct: 13.9 },
    ]);
    // The independent decoder reads what the file says.
    const m = decoded(bytes);
    expect(m.fileIdMesgs?.[0]?.type).toBe('weight');
    expect(m.weightScaleMesgs?.map((w) => w.weight)).toEqual([71.35, 70.9, 70.6]);

    const { parse, activities } = await run(bytes);
    expect(activities).toBe(0);
    expect(parse.skipped).toEqual([]);
    expect(parse.wellness.map((r) => [r.kind, r.day, r.values])).toEqual([
      ['weight', '2026-11-20', { weightKg: 71.35, bodyFatPct: 14.2 }],
      ['weight', '2026-11-21', { weightKg: 70.9 }],
      ['weight', '2026-11-22', { weightKg: 70.6, bodyFatPct: 13.9 }],
    ]);
    // The same reading in a later file of the same scale (its circular buffer) keeps its id: one reading, one id.
    const later = await run(weightScaleFit([{ at: new Date('2026-11-19T23:40:00Z'), kg: 71.35, fatPct: 14.2 }]));
    expect(later.parse.wellness[0]?.externalId).toBe(parse.wellness[0]?.externalId);
  });

  it("a family scale's readings of several people are left out, with the reason", async () => {
    const bytes = weightScaleFit([
      { at: new Date('2026-11-20T06:00:00Z'), kg: 71.3, user: 0 },
      { at: new Date('2026-11-20T06:10:00Z'), kg: 58.2, user: 1 },
    ]);
    const { parse } = await run(bytes);
    expect(parse.wellness).toEqual([]);
    expect(parse.skipped).toEqual([]);
    expect(parse.wellnessLeft).toEqual(['upload.fit: 2 weight readings of 2 people on the scale: not imported']);
  });

  it('a sleep file counts light, deep and REM on the day the night ends, with its score; an HRV summary its rMSSD', async () => {
    const bytes = sleepFit(
      [
        { at: new Date('2026-11-19T21:30:00Z'), level: 'light' },
        { at: new Date('2026-11-19T23:00:00Z'), level: 'deep' },
        { at: new Date('2026-11-20T00:30:00Z'), level: 'awake' },
        { at: new Date('2026-11-20T00:45:00Z'), level: 'rem' },
        { at: new Date('2026-11-20T02:15:00Z'), level: 'light' },
      ],
      new Date('2026-11-20T04:45:00Z'),
      81,
    );
    expect(decoded(bytes).sleepLevelMesgs).toHaveLength(6);
    const sleep = await run(bytes);
    // 1.5 h light + 1.5 h deep + 1.5 h REM + 2.5 h light = 7 h; the 15 minutes awake are not sleep.
    expect(sleep.parse.wellness.map((r) => [r.kind, r.day, r.values])).toEqual([
      ['sleep', '2026-11-20', { sleepS: 25_200, sleepScore: 81 }],
    ]);

    const hrv = await run(hrvStatusFit(new Date('2026-11-20T05:00:00Z'), 52.5, 49));
    expect(hrv.parse.wellness.map((r) => [r.kind, r.day, r.values])).toEqual([['hrv', '2026-11-20', { hrvRmssd: 52.5 }]]);
  });

  it("an activity's beat-to-beat hrv messages are not turned into an rMSSD", async () => {
    const e = new Encoder();
    const write = (num: number, m: Record<string, unknown>) => e.onMesg(num, m as never);
    const start = new Date('2026-11-20T07:00:00Z');
    const at = (s: number) => new Date(start.getTime() + s * 1000);
    write(0, { type: 'activity', manufacturer: 'garmin', product: 4315, timeCreated: start });
    for (let s = 0; s <= 300; s++) {
      write(20, { timestamp: at(s), heartRate: 140, distance: s * 3, enhancedSpeed: 3 });
      // R-R intervals during the run (seconds), as a watch with a chest strap writes them.
      if (s % 5 === 0) write(78, { time: [0.43, 0.428, 0.431, 0.429, 0.43] });
    }
    write(19, { timestamp: at(300), startTime: start, totalElapsedTime: 300, totalTimerTime: 300, totalDistance: 900, sport: 'running' });
    write(18, {
      timestamp: at(300),
      startTime: start,
      totalElapsedTime: 300,
      totalTimerTime: 300,
      totalDistance: 900,
      sport: 'running',
      subSport: 'generic',
      avgHeartRate: 140,
      numLaps: 1,
    });
    write(34, { timestamp: at(300), totalTimerTime: 300, numSessions: 1, type: 'manual', event: 'activity', eventType: 'stop' });
    const bytes = e.close();
    expect(decoded(bytes).hrvMesgs?.length).toBe(61);
    const { parse, activities } = await run(bytes);
    expect(activities).toBe(1);
    expect(parse.wellness).toEqual([]);
  });
});
