import { describe, expect, it } from 'vitest';
import { parseLookup } from './lookup.parse';
import { dateIn, windowIn } from './windows';

// Saturday 2026-11-21.
const TODAY = '2026-11-21';

describe('windowIn', () => {
  const table: [string, [string, string] | null][] = [
    ['fastest run this week', ['2026-11-16', '2026-11-21']],
    ['how far last week', ['2026-11-09', '2026-11-15']],
    ['rides this month', ['2026-11-01', '2026-11-21']],
    ['how far did I run last month', ['2026-10-01', '2026-10-31']],
    ['how many rides this year', ['2026-01-01', '2026-11-21']],
    ['longest run last year', ['2025-01-01', '2025-12-31']],
    ['runs in October', ['2026-10-01', '2026-10-31']],
    ['runs in December', ['2025-12-01', '2025-12-31']],
    ['runs in march 2026', ['2026-03-01', '2026-03-31']],
    ['runs in November', ['2026-11-01', '2026-11-21']],
    ['since 2026-09-01', ['2026-09-01', '2026-11-21']],
    ['since October 5', ['2026-10-05', '2026-11-21']],
    ['in the last 10 days', ['2026-11-12', '2026-11-21']],
    ['past two weeks', ['2026-11-08', '2026-11-21']],
    ['today', ['2026-11-21', '2026-11-21']],
    ['yesterday', ['2026-11-20', '2026-11-20']],
    ['between 2026-10-01 and 2026-10-15', ['2026-10-01', '2026-10-15']],
    ['in 2025', ['2025-01-01', '2025-12-31']],
    ['my fastest run ever', ['2000-01-01', '2026-11-21']],
    ['my fastest run', null],
    ['since 2026-12-01', null],
    ['from Nov 1 to Nov 7', ['2026-11-01', '2026-11-07']],
    ['between Dec 28 and Jan 3', ['2025-12-28', '2026-01-03']],
    ['what did I do on November 7', ['2026-11-07', '2026-11-07']],
    ['my run on 7 Nov', ['2026-11-07', '2026-11-07']],
    ['on 2026-11-07', ['2026-11-07', '2026-11-07']],
    ['my long run on Saturday', ['2026-11-21', '2026-11-21']],
    ['my long run last Saturday', ['2026-11-14', '2026-11-14']],
    ["Tuesday's ride", ['2026-11-17', '2026-11-17']],
    ['since Monday', ['2026-11-16', '2026-11-21']],
  ];
  for (const [q, want] of table)
    it(q, () => {
      const w = windowIn(q, TODAY);
      expect(w ? [w.from, w.to] : null).toEqual(want);
    });

  it('"since I got back" is the return date when known', () => {
    expect(windowIn('fastest run since I got back', TODAY, '2026-10-05')).toMatchObject({ from: '2026-10-05', to: TODAY });
    expect(windowIn('fastest run since I got back', TODAY, null)).toBeNull();
  });

  it('dateIn reads ISO, month-day and day-month, never a future date without a year', () => {
    expect(dateIn('on 2026-10-05', TODAY)).toBe('2026-10-05');
    expect(dateIn('Oct 5th', TODAY)).toBe('2026-10-05');
    expect(dateIn('the 5th of October', TODAY)).toBe('2026-10-05');
    expect(dateIn('December 24', TODAY)).toBe('2025-12-24');
    expect(dateIn('February 30', TODAY)).toBeNull();
    expect(dateIn('no date here', TODAY)).toBeNull();
  });
});

describe('parseLookup', () => {
  const table: [string, object | null][] = [
    ['What was my fastest run last month?', { kind: 'superlative', sortBy: 'pace', order: 'asc', sport: 'run' }],
    ['slowest ride in October', { kind: 'superlative', sortBy: 'pace', order: 'desc', sport: 'ride' }],
    ['longest swim this year', { kind: 'superlative', sortBy: 'distance', order: 'desc', sport: 'swim' }],
    ['shortest walk this week', { kind: 'superlative', sortBy: 'distance', order: 'asc', sport: 'walk' }],
    ['my hardest workout this month', { kind: 'superlative', sortBy: 'load', order: 'desc', sport: undefined }],
    ['easiest run last week', { kind: 'superlative', sortBy: 'load', order: 'asc', sport: 'run' }],
    ['which hike had the most elevation', { kind: 'superlative', sortBy: 'elevation', order: 'desc', sport: 'hike' }],
    ['How far did I run last month?', { kind: 'total', measure: 'distance', sport: 'run' }],
    ['how many miles did I ride this year', { kind: 'total', measure: 'distance', sport: 'ride' }],
    ['How many rides this year?', { kind: 'total', measure: 'count', sport: 'ride' }],
    ['how many times did I swim in October', { kind: 'total', measure: 'count', sport: 'swim' }],
    ['How long did I run this week?', { kind: 'total', measure: 'time', sport: 'run' }],
    ['how much climbing did I do this month', { kind: 'total', measure: 'elevation', sport: undefined }],
    ['When did I last swim?', { kind: 'last', sport: 'swim' }],
    ['when was my last ride', { kind: 'last', sport: 'ride' }],
    ['What is my fastest 5 km?', { kind: 'best', distance: { bestKey: 5000 }, sport: 'run' }],
    ['best 10k this year', { kind: 'best', distance: { bestKey: 10_000 }, sport: 'run' }],
    ['my fastest half marathon', { kind: 'best', distance: { bestKey: 21_098 }, sport: 'run' }],
    ['fastest mile', { kind: 'best', distance: { bestKey: 1609 }, sport: 'run' }],
    ['What is my fastest 40 km TT?', { kind: 'superlative', sortBy: 'pace', sport: 'ride', distance: { metres: 40_000 } }],
    ['fastest 100 km', { kind: 'superlative', sortBy: 'pace', sport: 'ride', distance: { metres: 100_000 } }],
    ['fastest 5 km ride', { kind: 'superlative', sortBy: 'pace', sport: 'ride', distance: { metres: 5000 } }],
    ['How many 5 km runs this month?', { kind: 'total', measure: 'count', sport: 'run', distance: { metres: 5000 } }],
    ['how many marathons have I run', { kind: 'total', measure: 'count', sport: 'run', distance: { bestKey: 42_195 } }],
    ['how many km did I run', { kind: 'total', measure: 'distance', sport: 'run' }],
    ['What did I do on 2026-11-07?', { kind: 'activity', day: true, sport: undefined, measure: null }],
    ['pace on my run on November 7', { kind: 'activity', day: true, sport: 'run', measure: 'pace' }],
    ['average heart rate on my long run on 2026-11-07', { kind: 'activity', day: true, sport: 'run', measure: 'heart rate', hint: 'long' }],
    ["yesterday's ride", { kind: 'activity', day: true, sport: 'ride' }],
    ['What was my heart rate on Nov 7?', { kind: 'activity', day: true, sport: undefined, measure: 'heart rate' }],
    ['Did I run on Saturday?', { kind: 'activity', day: true, sport: 'run', measure: null }],
    ['How far did I go on Saturday?', { kind: 'total', measure: 'distance', sport: undefined }],
    ['What insights do you see in my training?', null],
    ['Is it going to rain on Saturday?', null],
    ['How far did I run yesterday?', { kind: 'total', measure: 'distance', sport: 'run' }],
    ['How did the Track session – 6 × 800 m go?', { kind: 'activity', day: false }],
    ['What is my average run distance?', null],
    ['Should I run tomorrow?', null],
    ['Is my fastest run better than last year?', null],
    ['What is planned next week?', null],
  ];
  for (const [q, want] of table) it(q, () => (want ? expect(parseLookup(q)).toMatchObject(want) : expect(parseLookup(q)).toBeNull()));
});
