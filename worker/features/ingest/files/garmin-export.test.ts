import { describe, expect, it } from 'vitest';
import { garminSummary, summariesFile } from '../../../testing/fixtures/files.ts';
import { ExportObjectScanner } from './json-objects.ts';
import { SummaryIndex, summaryToActivity } from './garmin-export.ts';
import { FileParseError } from './types.ts';

describe('summaryToActivity', () => {
  it("converts Garmin's units and takes the calendar date from startTimeLocal", () => {
    // 20:30Z is 06:30 the next morning in Sydney (UTC+10).
    const raw = garminSummary({ activityId: 1001, start: new Date('2024-06-01T20:30:00Z'), offsetH: 10, name: 'Sydney Running' });
    expect(summaryToActivity(raw, 'UTC')).toEqual({
      source: 'garmin_export',
      externalId: '1001',
      sport: 'run',
      sportOriginal: 'running',
      name: 'Sydney Running',
      startTime: new Date('2024-06-01T20:30:00Z'),
      localStartDate: '2024-06-02',
      timezone: null,
      movingTimeS: 1490,
      elapsedTimeS: 1560,
      distanceM: 5000,
      elevationGainM: 35,
      avgHr: 150,
      maxHr: 171,
      avgPower: 260,
      normalizedPower: 270,
      avgCadence: 84,
      calories: 400,
      detailComplete: false,
    });
  });

  it('handles DST offsets, typeKey objects and a missing startTimeLocal', () => {
    // 13:30Z on 2024-04-06 is 00:30 AEDT (UTC+11) on the 7th, the night Sydney's DST ends.
    const dst = summaryToActivity(garminSummary({ activityId: 1, start: new Date('2024-04-06T13:30:00Z'), offsetH: 11 }), 'UTC');
    expect(dst?.localStartDate).toBe('2024-04-07');
    const ride = summaryToActivity(
      {
        ...garminSummary({ activityId: 2, start: new Date('2024-06-01T22:00:00Z'), offsetH: 0 }),
        activityType: { typeKey: 'road_biking' },
        startTimeLocal: null,
      },
      'Australia/Sydney',
    );
    expect(ride).toMatchObject({ sport: 'ride', sportOriginal: 'road_biking', localStartDate: '2024-06-02' });
    expect(summaryToActivity({ name: 'no id' }, 'UTC')).toBeUndefined();
  });
});

describe('ExportObjectScanner', () => {
  const scan = (text: string, chunk: number) => {
    const objects: unknown[] = [];
    let oversized = 0;
    const scanner = new ExportObjectScanner({ onObject: (t) => objects.push(JSON.parse(t)), onOversized: () => (oversized += 1) }, 200);
    for (let i = 0; i < text.length; i += chunk) scanner.write(text.slice(i, i + chunk));
    scanner.end();
    return { objects, oversized };
  };

  it('finds each object of summarizedActivitiesExport, whatever the chunking and string content', () => {
    const tricky = [
      { activityId: 1, name: 'Run {with} "braces" ] and \\ slashes' },
      { activityId: 2, nested: { a: [1, { b: '}' }] } },
    ];
    const text = ` [ {"other": [{"activityId": 99}], "summarizedActivitiesExport" : ${JSON.stringify(tricky)} }, {"summarizedActivitiesExport": [{"activityId": 3}]} ] `;
    for (const chunk of [1, 3, 17, text.length])
      expect(scan(text, chunk)).toEqual({ objects: [...tricky, { activityId: 3 }], oversized: 0 });
    expect(scan('{"summarizedActivitiesExport": [{"activityId": 4}]}', 5).objects).toEqual([{ activityId: 4 }]);
  });

  it('passes over oversized objects and reports a file that ends early', () => {
    const text = summariesFile([{ activityId: 1, pad: 'x'.repeat(500) }, { activityId: 2 }]);
    expect(scan(text, 64)).toEqual({ objects: [{ activityId: 2 }], oversized: 1 });
    expect(() => scan(text.slice(0, 30), 8)).toThrow(FileParseError);
    expect(() => scan('[}', 1)).toThrow(FileParseError);
  });
});

describe('SummaryIndex', () => {
  const at = (iso: string, id: number, type = 'running') =>
    summaryToActivity(garminSummary({ activityId: id, start: new Date(iso), offsetH: 0, type }), 'UTC')!;

  it('matches a file by the activityId in its name, else by start (±60 s) and sport', () => {
    const index = new SummaryIndex();
    index.add(at('2024-06-01T06:00:00Z', 11));
    index.add(at('2024-06-01T07:00:00Z', 12));
    index.add(at('2024-06-01T08:00:00Z', 13, 'cycling'));
    expect(index.add(at('2024-06-01T06:00:00Z', 11))).toBe(false);
    const file = (iso: string, sport: 'run' | 'ride' = 'run') => ({ ...at(iso, 0), sport });
    expect(index.claim(file('2024-06-01T09:00:00Z'), 'x/someone@example.com_11.fit')).toBeUndefined(); // too short to be an id
    expect(index.claim(file('2024-06-01T06:00:50Z'), 'x/activity.fit')?.externalId).toBe('11');
    expect(index.claim(file('2024-06-01T07:01:01Z'), 'a.fit')).toBeUndefined(); // 61 s away
    expect(index.claim(file('2024-06-01T08:00:10Z'), 'b.fit')).toBeUndefined(); // run ≠ ride
    expect(index.claim(file('2024-06-01T08:00:10Z', 'ride'), 'b.fit')?.externalId).toBe('13');
    expect([...index.remaining()].map((s) => s.externalId)).toEqual(['12']);
  });
});
