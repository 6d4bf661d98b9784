import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { checkClaims } from './claims';
import { answerDeterministically } from './deterministic';
import { ALLOWED, type FixtureActivity, groundingWorld, inWindow, km2, mmss, paceOf, STRAVA, stravaMarkers } from './grounding-testing';
import { parseLookup } from './lookup.parse';
import { dayText } from './units';

const MI = 1609.344;
const runsIn = (from: string, to: string, sport = 'run') => ALLOWED.filter((f) => f.sport === sport && inWindow(f, from, to));
const byPace = (xs: FixtureActivity[]) => [...xs].sort((a, b) => a.movingS / a.distanceM - b.movingS / b.distanceM);
const sum = (xs: FixtureActivity[], k: 'distanceM' | 'movingS' | 'elevationM') => xs.reduce((s, f) => s + f[k], 0);
/** A date as the answers write it (the app's "20 Oct"; the fixture's today is 2026-11-21). */
const on = (ymd: string) => dayText(ymd, '2026-11-21');
const ISO = /\b\d{4}-\d{2}-\d{2}\b/;

describe('answerDeterministically', () => {
  it('answers ten kinds of lookup exactly, with receipts, and never from Strava', async () => {
    const h = Harness.init();
    const g = await groundingWorld(h);
    const ctx = g.ctx();
    const oct = runsIn('2026-10-01', '2026-10-31');
    const week = runsIn('2026-11-16', '2026-11-21');
    const rides = ALLOWED.filter((f) => f.sport === 'ride' && inWindow(f, '2026-01-01', '2026-11-21'));
    const last7 = runsIn('2026-11-15', '2026-11-21');
    const sinceOct = runsIn('2026-10-01', '2026-11-21');
    const shortest = [...sinceOct].sort((a, b) => a.distanceM - b.distanceM)[0]!;
    const hilliest = [...rides].sort((a, b) => b.elevationM - a.elevationM)[0]!;
    const swim = ALLOWED.filter((f) => f.sport === 'swim').sort((a, b) => b.date.localeCompare(a.date))[0]!;
    const y2025 = runsIn('2025-01-01', '2025-12-31');
    const cases: [string, string[], string[]][] = [
      [
        'What was my fastest run last month?',
        [
          byPace(oct)[0]!.name,
          `on ${on(byPace(oct)[0]!.date)}:`,
          `${km2(byPace(oct)[0]!.distanceM)} km`,
          `(${paceOf(byPace(oct)[0]!)} /km)`,
        ],
        ['last month (1 Oct – 31 Oct)'],
      ],
      ['Fastest run this week?', [byPace(week)[0]!.name, `${paceOf(byPace(week)[0]!)} /km`], ['this week']],
      ['What was my slowest run in October?', [byPace(oct).at(-1)!.name, `${paceOf(byPace(oct).at(-1)!)} /km`], ['October 2026']],
      [
        'What was my longest run this month?',
        [`${km2(Math.max(...runsIn('2026-11-01', '2026-11-21').map((f) => f.distanceM)))} km`],
        ['this month'],
      ],
      ['How far did I run last month?', [`${km2(sum(oct, 'distanceM'))} km`, `${oct.length} runs`, mmss(sum(oct, 'movingS'))], []],
      [
        'How many rides this year?',
        [`${rides.length} ride`, `${km2(sum(rides, 'distanceM'))} km`, '1 Strava ride'],
        ['this year (1 Jan – 21 Nov)'],
      ],
      [
        'When did I last swim?',
        [on(swim.date), swim.name, `${km2(swim.distanceM)} km`],
        ['in the last 12 months (22 Nov 2025 – 21 Nov 2026)'],
      ],
      ['How long did I run this week?', [mmss(sum(week, 'movingS')), `${week.length} runs`], []],
      ['What was my hilliest ride this year?', [hilliest.name, `elevation gain ${hilliest.elevationM} m`], []],
      ['How many runs in the last 7 days?', [`${last7.length} runs`], ['in the last 7 days (15 Nov – 21 Nov)']],
      ['What was my shortest run since 2026-10-01?', [shortest.name, `${km2(shortest.distanceM)} km`], ['since 1 Oct']],
      ['How far did I run in 2025?', [`${km2(sum(y2025, 'distanceM'))} km`, `${y2025.length} run`], ['In 2025 (1 Jan – 31 Dec 2025)']],
      ['How far did I run between Oct 1 and Oct 31?', [`${km2(sum(oct, 'distanceM'))} km`], ['from 1 Oct to 31 Oct']],
      [
        'How much climbing did I do last week?',
        [
          `${sum(
            ALLOWED.filter((f) => inWindow(f, '2026-11-09', '2026-11-15')),
            'elevationM',
          )} m`,
        ],
        ['last week'],
      ],
    ];
    const forbidden = [...STRAVA.map((f) => g.ids.get(f.key)!), ...stravaMarkers()];
    for (const [q, expected, window] of cases) {
      const ans = await answerDeterministically(g.deps, ctx, q);
      expect(ans, q).not.toBeNull();
      for (const e of [...expected, ...window]) expect(ans!.text, q).toContain(e);
      for (const f of forbidden) expect(ans!.text, q).not.toContain(f);
      // Dates as the app writes them, never ISO; the policy's note, when there is one, comes first and once.
      expect(ans!.text, q).not.toMatch(ISO);
      if (ans!.results[0]!.withheld.length > 0) expect(ans!.text, q).toMatch(/^Of the activities I may use \(\d+ Strava \w+ [^)]*left out/);
      expect((ans!.text.match(/left out/g) ?? []).length, q).toBeLessThanOrEqual(1);
      expect(ans!.results[0]!.receipts.length, q).toBeGreaterThan(0);
      // The answer's numbers are the tool's numbers: the checker finds nothing to remove.
      expect(checkClaims(ans!.text, ans!.results, q).check.unmatched, q).toEqual([]);
    }
  });

  it('hardest is the highest load, as stored', async () => {
    const h = Harness.init();
    const g = await groundingWorld(h);
    const res = await h.db.execute(sql`
      select a.name, m.load from activities a join activity_metrics m on m.activity_id = a.id
      where a.user_id = ${g.athlete.id} and a.source <> 'strava' and a.sport = 'run' and a.local_start_date between '2026-10-01' and '2026-10-31'
      order by m.load desc limit 1`);
    const top = res.rows[0] as { name: string; load: number };
    const ans = await answerDeterministically(g.deps, g.ctx(), 'What was my hardest run last month?');
    expect(ans!.text).toContain(top.name);
    expect(ans!.text).toContain(`load ${Math.round(Number(top.load))}`);
  });

  it('counts a run already recorded whose device dated it tomorrow (a zone east of the athlete’s)', async () => {
    const h = Harness.init();
    // 10:00 UTC on the fixture's today, recorded by a watch at UTC+14: its local date is 22 Nov.
    const east: FixtureActivity = {
      key: 'east',
      source: 'garmin_api',
      sport: 'run',
      date: '2026-11-22',
      startTime: '2026-11-21T10:00:00Z',
      distanceM: 40_000,
      movingS: 4 * 3600,
      avgHr: 140,
      elevationM: 100,
      name: 'Harbour long run',
    };
    const g = await groundingWorld(h, { activities: [...ALLOWED, east] });
    const ans = await answerDeterministically(g.deps, g.ctx(), 'What was my longest run in the last 14 days?');
    expect(ans!.text).toContain('“Harbour long run” on 22 Nov: 40 km');
  });

  it('says an empty window is empty and names what Strava held back', async () => {
    const h = Harness.init();
    const g = await groundingWorld(h);
    const none = await answerDeterministically(g.deps, g.ctx(), 'How many swims last week?');
    expect(none!.text).toBe('There were no swims last week (9 Nov – 15 Nov).');
    const ride = await answerDeterministically(g.deps, g.ctx(), 'How far did I ride last week?');
    const d1 = ALLOWED.find((f) => f.key === 'd1')!;
    expect(ride!.text).toBe(
      `Of the activities I may use (1 Strava ride in this window is left out: Strava's terms don't allow AI use of its data), last week (9 Nov – 15 Nov) you covered ${km2(d1.distanceM)} km over 1 ride (moving time 2:00:00).`,
    );
    // How to bring them in is under the answer (the message's withheld count), not repeated in it.
    expect(ride!.results[0]!.withheld).toEqual([{ source: 'strava', count: 1 }]);
  });

  it('answers in miles, in the athlete’s own day, and from the return date', async () => {
    const h = Harness.init();
    const mi = await groundingWorld(h, { units: 'mi' });
    const oct = runsIn('2026-10-01', '2026-10-31');
    const far = await answerDeterministically(mi.deps, mi.ctx(), 'How far did I run last month?');
    expect(far!.text).toContain(`${km2(sum(oct, 'distanceM'), MI)} mi`);
    const fast = await answerDeterministically(mi.deps, mi.ctx(), 'What was my fastest run last month?');
    expect(fast!.text).toContain(`${paceOf(byPace(oct)[0]!, MI)} /mi`);

    const nz = await groundingWorld(h, {
      timeZone: 'Pacific/Auckland',
      activities: [
        {
          key: 'a',
          source: 'manual',
          sport: 'run',
          date: '2026-11-22',
          distanceM: 8000,
          movingS: 2640,
          avgHr: 140,
          elevationM: 5,
          name: 'Midnight Run',
          startTime: '2026-11-21T11:30:00Z',
        },
        {
          key: 'b',
          source: 'manual',
          sport: 'run',
          date: '2026-11-21',
          distanceM: 6000,
          movingS: 2000,
          avgHr: 140,
          elevationM: 5,
          name: 'Friday Run',
          startTime: '2026-11-21T05:00:00Z',
        },
      ],
    });
    const today = await answerDeterministically(nz.deps, nz.ctx(), 'How far did I run today?');
    expect(today!.text).toContain('Today (Sun 22 Nov)');
    expect(today!.text).toContain('8 km over 1 run');

    const gw = await groundingWorld(h);
    expect(await answerDeterministically(gw.deps, gw.ctx(), 'Hello coach')).toBeNull();
    const since = await answerDeterministically(gw.deps, gw.ctx('2026-11-17'), 'What was my fastest run?');
    const after = byPace(runsIn('2026-11-17', '2026-11-21'))[0]!;
    expect(since!.text).toContain('since your return (17 Nov – 21 Nov)');
    expect(since!.text).toContain(after.name);
  });

  it('never answers past the guardrail: medical flags and an unknown return date', async () => {
    const deps = {} as Parameters<typeof answerDeterministically>[0];
    const ctx = {
      athlete: { id: 'x', units: 'km', timeZone: 'UTC', birthDate: null, sex: null, version: 0 },
      today: '2026-11-21',
      conversationId: null,
      messageId: null,
    } as const;
    expect(await answerDeterministically(deps, { ...ctx, returnDate: null }, 'Since I got back, what was my fastest run?')).toBeNull();
    expect(
      await answerDeterministically(deps, { ...ctx, returnDate: null }, 'My knee hurts: what was my longest run this week?'),
    ).toBeNull();
  });

  it('leaves advice, comparisons and plans to the model', async () => {
    for (const q of [
      'Should I run tomorrow?',
      'Why was my fastest run so slow?',
      'Compare my longest run this month with last month',
      'What is my average pace per week?',
      'What is planned for tomorrow?',
      'How do I get faster?',
      'What are my personal bests?',
      'Hello coach',
    ])
      expect(parseLookup(q), q).toBeNull();
  });
});
