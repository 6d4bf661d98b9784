// Every class of real-world trouble, each asserting what is imported and what the report says.
import { describe, expect, it } from 'vitest';
import type { ActivityInput } from '../../activities/activity.types.ts';
import { fitLegs, gpxFile, sparse11to30, steadyPoints, tcxRide, type GpxPoint } from '../../../testing/fixtures/adversarial-files.ts';
import { opener } from '../../../testing/fixtures/files.ts';
import { parseUpload } from './import-file.ts';

const text = (s: string) => new TextEncoder().encode(s);
const START = new Date('2025-05-04T07:00:00Z');

async function importFile(name: string, bytes: Uint8Array) {
  const parse = parseUpload({ name, open: opener(bytes).open, fallbackTimeZone: 'Europe/Paris' });
  const activities: ActivityInput[] = [];
  for await (const a of parse.activities) activities.push(a);
  return { activities, warnings: parse.warnings, skipped: parse.skipped };
}

const codes = (a: ActivityInput | undefined) => (a?.dataQuality ?? []).map((n) => n.code);

describe('sparse recording', () => {
  it('a TCX ride sampled every 11–30 s keeps the lap time as moving time and a believable speed', async () => {
    const { activities, warnings } = await importFile('ride.tcx', text(tcxRide(START, 7200, 8.5, sparse11to30)));
    const [ride] = activities;
    expect(ride?.movingTimeS).toBe(7200);
    expect(ride?.distanceM).toBe(61_200);
    expect(((ride?.distanceM ?? 0) / (ride?.movingTimeS ?? 1)) * 3.6).toBeCloseTo(30.6, 1);
    expect(warnings).toEqual([]); // the samples agree with the laps: nothing to say
  });

  it('a 1-s and a sparse GPX of the same effort give the same moving time within 2 %', async () => {
    const dense = await importFile('dense.gpx', text(gpxFile([{ start: START, type: 'running', segments: [steadyPoints(3600, 3.2)] }])));
    const sparse = await importFile(
      'sparse.gpx',
      text(gpxFile([{ start: START, type: 'running', segments: [steadyPoints(3600, 3.2, sparse11to30)] }])),
    );
    const a = dense.activities[0]!.movingTimeS;
    const b = sparse.activities[0]!.movingTimeS;
    expect(a).toBeGreaterThanOrEqual(3590);
    expect(Math.abs(a - b) / a).toBeLessThan(0.02);
    expect(sparse.activities[0]!.distanceM).toBeCloseTo(dense.activities[0]!.distanceM, 0);
  });

  it('a stop is still a pause: 10 minutes standing between two segments of running', async () => {
    const run: GpxPoint[] = [...steadyPoints(600, 3)];
    for (let s = 605; s <= 1200; s += 15) run.push({ s, northM: 1800 + (s % 2), ele: 20, hr: 110 }); // waiting at lights, GPS jitter
    for (let s = 1201; s <= 1800; s += 1) run.push({ s, northM: 1800 + (s - 1200) * 3, ele: 20, hr: 140 });
    const { activities } = await importFile('stop.gpx', text(gpxFile([{ start: START, type: 'running', segments: [run] }])));
    expect(activities[0]!.movingTimeS).toBeGreaterThan(1190);
    expect(activities[0]!.movingTimeS).toBeLessThan(1215);
  });
});

describe('several tracks and points without time', () => {
  it('three tracks of three dates are three activities, whatever their order in the file', async () => {
    const day = (d: number) => new Date(START.getTime() + d * 86_400_000);
    const file = gpxFile([
      { name: 'Spring', type: 'running', start: day(0), segments: [steadyPoints(1800, 3)] },
      { name: 'Summer', type: 'running', start: day(110), segments: [steadyPoints(1200, 3)] },
      { name: 'Earlier', type: 'running', start: day(-30), segments: [steadyPoints(900, 3)] },
    ]);
    const { activities, warnings } = await importFile('three.gpx', text(file));
    expect(activities.map((a) => [a.name, a.elapsedTimeS])).toEqual([
      ['Spring', 1800],
      ['Summer', 1200],
      ['Earlier', 900],
    ]);
    expect(new Set(activities.map((a) => a.externalId)).size).toBe(3);
    expect(warnings).toEqual([]);
  });

  it('segments of one track are one activity, with the break as a pause', async () => {
    const second = steadyPoints(600, 3).map((p) => ({ ...p, s: (p.s ?? 0) + 1500, northM: p.northM + 1800 }));
    const { activities } = await importFile(
      'segs.gpx',
      text(gpxFile([{ start: START, type: 'running', segments: [steadyPoints(600, 3), second] }])),
    );
    expect(activities).toHaveLength(1);
    expect(activities[0]!.elapsedTimeS).toBe(2100);
    expect(activities[0]!.movingTimeS).toBe(1200);
    expect(activities[0]!.distanceM).toBeCloseTo(3600, 0);
  });

  it('untimed points between timed ones are placed by distance; untimed ends are left out; both are reported', async () => {
    const pts = steadyPoints(1500, 3, () => 1).map((p, i) => (i % 10 === 0 || i === 1500 ? p : { ...p, s: null }));
    const lead: GpxPoint[] = [
      { s: null, northM: -30 },
      { s: null, northM: -20 },
    ];
    const { activities, warnings } = await importFile(
      'holes.gpx',
      text(gpxFile([{ start: START, type: 'running', segments: [[...lead, ...pts]] }])),
    );
    const [run] = activities;
    expect(run?.distanceM).toBeCloseTo(4500, 0); // not the 53 m a dropping importer reports
    expect(run?.movingTimeS).toBe(1500);
    expect(run?.dataQuality).toEqual(
      expect.arrayContaining([
        { code: 'points_without_time', message: '1350 points without a time: placed between their neighbours by distance', count: 1350 },
        { code: 'points_without_time', message: '2 points without a time left out: nothing to place them by', count: 2 },
      ]),
    );
    expect(warnings.map((w) => [w.name, w.reason])).toEqual([
      ['holes.gpx', 'points_without_time'],
      ['holes.gpx', 'points_without_time'],
    ]);
  });

  it('a track with no time at all is left out with a warning; a file with nothing importable is refused', async () => {
    const route = steadyPoints(300, 3).map((p) => ({ ...p, s: null }));
    const mixed = gpxFile([
      { name: 'Planned', start: START, segments: [route] },
      { name: 'Done', type: 'running', start: START, segments: [steadyPoints(300, 3)] },
    ]);
    const ok = await importFile('mixed.gpx', text(mixed));
    expect(ok.activities.map((a) => a.name)).toEqual(['Done']);
    expect(ok.warnings).toEqual([
      {
        name: 'mixed.gpx',
        reason: 'points_without_time',
        detail: 'track "Planned": no point has a time (a planned route?), so it is not an activity',
      },
    ]);
    const none = await importFile('route.gpx', text(gpxFile([{ name: 'Planned', start: START, segments: [route] }])));
    expect(none.activities).toEqual([]);
    expect(none.skipped).toEqual([{ name: 'route.gpx', reason: 'no_activity', detail: 'no track point has a time' }]);
  });

  it('points whose time runs backwards are dropped and counted', async () => {
    const pts = steadyPoints(600, 3);
    pts.splice(300, 0, { s: 100, northM: 300, ele: 20, hr: 140 }, { s: 101, northM: 303, ele: 20, hr: 140 });
    const { activities } = await importFile('order.gpx', text(gpxFile([{ start: START, type: 'running', segments: [pts] }])));
    expect(activities[0]!.dataQuality).toContainEqual({ code: 'out_of_order', message: '2 points ignored: time runs backwards', count: 2 });
    expect(activities[0]!.distanceM).toBeCloseTo(1800, 0);
  });
});

describe('glitches', () => {
  it('a GPS jump at 32 m/s in a run adds no distance and no speed', async () => {
    const pts = steadyPoints(1200, 3.5);
    pts[600] = { ...pts[600]!, northM: pts[600]!.northM + 32 }; // one fix 32 m off: out at ~35 m/s and back
    const { activities, warnings } = await importFile('glitch.gpx', text(gpxFile([{ start: START, type: 'running', segments: [pts] }])));
    const [run] = activities;
    expect(run?.distanceM).toBeCloseTo(4200, 0);
    expect(Math.max(...(run?.streams?.speedCms ?? []))).toBeLessThanOrEqual(350 * 2);
    expect(run?.dataQuality).toContainEqual({ code: 'speed_glitch', message: '1 GPS point ignored: implausible speed', count: 1 });
    expect(warnings).toContainEqual({ name: 'glitch.gpx', reason: 'speed_glitch', detail: '1 GPS point ignored: implausible speed' });
  });

  it('FIT altitudes jumping between −400 m and 12,600 m and a max HR of 254 are cleaned and said', async () => {
    const bytes = fitLegs(START, [
      {
        sport: 'running',
        durationS: 1800,
        speedMps: 3,
        record: (s) => ({ enhancedAltitude: s % 97 === 0 ? 12_600 : s % 89 === 0 ? -400 : 100 + s / 60, heartRate: s === 900 ? 254 : 140 }),
        session: { maxHeartRate: 254, avgPower: 0 },
      },
    ]);
    const { activities, warnings } = await importFile('spiky.fit', bytes);
    const [run] = activities;
    expect(run?.elevationGainM).toBeGreaterThan(25);
    expect(run?.elevationGainM).toBeLessThan(35); // 30 m of real climbing, not 889,932 m
    expect(run?.maxHr).toBe(140);
    expect(run?.avgPower).toBeNull(); // 0 W and no power samples: no power meter
    expect(codes(run)).toEqual(expect.arrayContaining(['altitude_spikes', 'hr_out_of_range', 'max_hr_implausible', 'no_power']));
    expect(Math.max(...(run?.streams?.altitudeDm ?? [0]))).toBe(1300); // 130 m: the real top of the climb
    expect(warnings.map((w) => w.reason)).toEqual(expect.arrayContaining(['altitude_spikes', 'max_hr_implausible', 'no_power']));
  });
});

describe('damaged and multisport FIT', () => {
  it('a truncated FIT imports what decodes and says the file is incomplete', async () => {
    const whole = fitLegs(START, [{ sport: 'cycling', durationS: 1200, speedMps: 8 }]);
    const cut = whole.slice(0, Math.floor(whole.length * 0.6));
    const { activities, warnings } = await importFile('cut.fit', cut);
    expect(activities).toHaveLength(1);
    expect(activities[0]!.elapsedTimeS).toBeGreaterThan(300);
    expect(activities[0]!.elapsedTimeS).toBeLessThan(1200);
    expect(codes(activities[0])).toContain('truncated');
    expect(warnings.map((w) => w.reason)).toContain('truncated');
  });

  it('a triathlon is its legs, linked; transitions are not activities', async () => {
    const bytes = fitLegs(START, [
      { sport: 'swimming', durationS: 900, speedMps: 1.6 },
      { sport: 'transition', durationS: 120, speedMps: 1 },
      { sport: 'cycling', durationS: 2400, speedMps: 10 },
      { sport: 'transition', durationS: 60, speedMps: 1 },
      { sport: 'running', durationS: 1500, speedMps: 3.4 },
    ]);
    const { activities } = await importFile('tri.fit', bytes);
    expect(activities.map((a) => a.sport)).toEqual(['swim', 'ride', 'run']);
    expect(new Set(activities.map((a) => a.multisportGroup)).size).toBe(1);
    expect(activities[0]!.multisportGroup).toMatch(/^[0-9a-f]{64}$/);
    expect(activities.map((a) => a.elapsedTimeS)).toEqual([900, 2400, 1500]);
    expect(activities[1]!.dataQuality).toContainEqual({
      code: 'multisport_leg',
      message: 'One of 3 legs of a multisport recording; 2 transitions (180 s) not counted as training',
    });
  });
});

describe('sport', () => {
  it('a GPX without a type is inferred from speed and marked; a slow one is a walk, a fast one a ride', async () => {
    const run = await importFile('untyped.gpx', text(gpxFile([{ start: START, segments: [steadyPoints(1800, 3.1)] }])));
    expect(run.activities[0]).toMatchObject({ sport: 'run', sportInferred: true });
    expect(codes(run.activities[0])).toContain('sport_inferred');
    const ride = await importFile('ride.gpx', text(gpxFile([{ start: START, segments: [steadyPoints(1800, 8)] }])));
    expect(ride.activities[0]).toMatchObject({ sport: 'ride', sportInferred: true });
    const walk = await importFile('walk.gpx', text(gpxFile([{ start: START, segments: [steadyPoints(1800, 1.3)] }])));
    expect(walk.activities[0]).toMatchObject({ sport: 'walk', sportInferred: true });
    const typed = await importFile('typed.gpx', text(gpxFile([{ start: START, type: 'cycling', segments: [steadyPoints(1800, 8)] }])));
    expect(typed.activities[0]?.sportInferred).toBeUndefined();
  });

  it('a TCX with Sport="Other" is inferred too', async () => {
    const { activities } = await importFile('other.tcx', text(tcxRide(START, 1800, 3, () => 1, 'Other')));
    expect(activities[0]).toMatchObject({ sport: 'run', sportInferred: true });
  });
});
