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
