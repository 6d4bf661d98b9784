import { describe, expect, it } from 'vitest';
import { importedNothing, importSummaryLines, wellnessReadings } from './imports';

describe('importSummaryLines', () => {
  it('says what a Strava archive held and what became of each kind of row', () => {
    expect(
      importSummaryLines({
        upgraded: 57,
        keptStrava: 1,
        stravaArchive: { rows: 412, withFiles: 395, manual: 14, missing: 2, unreadable: 1 },
      }),
    ).toEqual([
      '412 activities in your Strava archive: 395 with their original file, 14 manual entries kept as summaries, 2 files missing, 1 file unreadable.',
      '57 Strava copies upgraded to your own files: the same activities, with notes and links, now usable everywhere.',
      '1 activity without its file keeps its Strava copy as it was, recording included; upload the original to upgrade it.',
      '2 activities without their files were kept from the archive’s summary (time, distance, heart rate).',
    ]);
  });

  it('counts rows that could not be read, and says nothing for an ordinary upload', () => {
    expect(importSummaryLines({ stravaArchive: { rows: 3, withFiles: 2, manual: 0, missing: 0, unreadable: 0 } })).toEqual([
      '3 activities in your Strava archive: 2 with their original file, 1 row that could not be read.',
    ]);
    expect(importSummaryLines({ upgraded: 1 })).toEqual([
      '1 Strava copy upgraded to your own file: the same activity, with notes and links, now usable everywhere.',
    ]);
    expect(importSummaryLines({})).toEqual([]);
  });

  it('says what a Garmin export’s wellness files held, what was stored and what was left out and why', () => {
    const day = (read: number, stored: number, alreadyHad: number, skipped: Record<string, number> = {}) => ({
      read,
      stored,
      alreadyHad,
      skipped,
    });
    expect(
      importSummaryLines({
        garminWellness: {
          kinds: {
            daily: day(365, 362, 0, { out_of_range: 3 }),
            sleep: day(340, 340, 0),
            weight: { ...day(14, 12, 0, { no_values: 2 }), valuesLeftOut: 1 },
          },
          otherFiles: 9,
        },
      }),
    ).toEqual([
      'Wellness from your Garmin export: 365 daily summaries, 340 nights, 14 weigh-ins.',
      '714 stored.',
      '5 records left out: 3 values out of range, 2 without a value.',
      '1 record kept without a value out of range.',
    ]);
    // Stored JSON keeps its own key order (Postgres orders jsonb keys by length): the lines keep the names' order.
    expect(importSummaryLines({ garminWellness: { kinds: { hrv: day(2, 2, 0), daily: day(3, 3, 0) }, otherFiles: 0 } })[0]).toBe(
      'Wellness from your Garmin export: 3 daily summaries, 2 nights of HRV.',
    );
    // An export of wellness alone brought something in: not "nothing imported".
    expect(wellnessReadings({ garminWellness: { kinds: { sleep: day(1, 0, 1), daily: day(2, 2, 0) }, otherFiles: 0 } })).toBe(3);
    expect(importSummaryLines({ garminWellness: { kinds: { sleep: day(1, 0, 1) }, otherFiles: 0 } })).toEqual([
      'Wellness from your Garmin export: 1 night.',
      '0 stored, 1 already here from an earlier import.',
    ]);
  });
});

describe('wellness in an import', () => {
  it('says a scale\'s readings and what was left out, and a file of weigh-ins is not "nothing imported"', () => {
    const summary = {
      wellness: { weight: 3, sleep: 1, hrv: 0, rejected: 1, left: ['SCALE.fit: 4 weight readings of 2 people on the scale: not imported'] },
    };
    expect(importSummaryLines(summary)).toEqual([
      'Wellness: 3 weight readings, 1 night of sleep (on your Wellness page).',
      '1 reading left out: a value outside what a body can show.',
      'Left out: SCALE.fit: 4 weight readings of 2 people on the scale: not imported.',
    ]);
    const job = { status: 'done' as const, imported: 0, duplicates: 0 };
    expect(importedNothing({ ...job, wellnessReadings: wellnessReadings(summary) })).toBe(false);
    expect(importedNothing(job)).toBe(true);
  });
});
