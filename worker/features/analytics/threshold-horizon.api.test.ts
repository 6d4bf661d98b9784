// An old file never scores new activities (issue 55, ADR 065 "horizon"): a new athlete with activities from the last
// weeks and one from 2013, in either order, keeps the loads the recent activities have without it, for power (FTP),
// run speed (threshold pace) and heart rate (max HR). The 2013 estimate lapses once no effort it rests on is left in
// its window; the first recent activity is scored with its own effort, at low confidence, as with no old file at all.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates';
import type { ActivityInput } from '../activities';
import { analyticsWorld, derivedSnapshot } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import { speedRun } from './run-speed.testing';
import type { Body } from '../../testing/bodies';
import { Harness } from '../../testing/harness';
import type { ActivityAnalysisResponse } from './analytics.schema';
import type { ThresholdsResponse } from './thresholds.schema';
import type { ActivityBalanceResponse } from './curves/activity-curve.schema';
import { powerRide } from './power-ride.testing';

type Analysis = Body<typeof ActivityAnalysisResponse>;
type Thresholds = Body<typeof ThresholdsResponse>;
type Balance = Body<typeof ActivityBalanceResponse>;

const today = todayIn('UTC', new Date());
const RECENT = [-20, -13, -9, -3].map((d) => addDays(today, d));
const OLD_DAY = '2013-11-13';
const seconds = 2400;
const t = Array.from({ length: seconds }, (_, i) => i);

/** A 40-min run at `cms` cm/s, speed recorded every second. */
const run = (day: string, cms: number, externalId: string): ActivityInput => speedRun(day, cms, seconds, externalId);

/** A 40-min ride recorded with heart rate only (no power), peaking at `max` bpm. */
const hrRide = (day: string, max: number, externalId: string): ActivityInput =>
  buildActivity({
    sport: 'ride',
    sportOriginal: 'Ride',
    source: 'fit_upload',
    startTime: new Date(`${day}T07:00:00Z`),
    localStartDate: day,
    movingTimeS: seconds,
    elapsedTimeS: seconds,
    distanceM: seconds * 8,
    avgHr: max - 25,
    maxHr: max,
    avgPower: null,
    detailComplete: true,
    streams: { t, hr: t.map((s) => (s > seconds - 60 ? max : max - 25)) },
    externalId,
  });

/** Per kind: the recent activities (the athlete's last weeks) and one from 2013, far stronger. */
const CASES = {
  ftp: {
    // Hard 3, 8 and 20 minutes in each, 4.5 min easy between and each on one line (CP 180 W, W′ 18 kJ: 280, 217 and
    // 195 W), so each ride alone has a model to fit; the 20 minutes grow by 3 W a ride.
    recent: RECENT.map((d, i) =>
      powerRide(d, seconds, (s) => (s < 180 ? 280 : s < 450 ? 120 : s < 930 ? 217 : s < 1200 ? 120 : 195 + i * 3), {
        externalId: `recent-${i}`,
      }),
    ),
    old: powerRide(OLD_DAY, seconds, (s) => (s < 1200 ? 312 : 290), { externalId: 'old' }),
    method: 'power_tss',
  },
  threshold_pace: {
    recent: RECENT.map((d, i) => run(d, 300 + i * 5, `recent-${i}`)),
    old: run(OLD_DAY, 480, 'old'),
    method: 'rtss',
  },
  max_hr: {
    recent: RECENT.map((d, i) => hrRide(d, 165 + i, `recent-${i}`)),
    old: hrRide(OLD_DAY, 198, 'old'),
    method: 'hr_tss',
  },
} as const;

async function account(h: Harness) {
  const me = await h.signup();
  const w = analyticsWorld(h.db);
  const ids = new Map<string, string>();
  const ingest = async (acts: readonly ActivityInput[]) => {
    for (const a of acts) ids.set(a.externalId!, (await w.activities.ingest(me.user.id, a)).id);
    await w.trainingLoad.settle(me.user.id);
  };
  /** Each activity's load method and load, by external id. */
  const loads = async () => {
    const byId = new Map((await derivedSnapshot(h.db, me.user.id)).loads.map((r) => [String(r.activity_id), `${r.load_method} ${r.load}`]));
    return Object.fromEntries([...ids].filter(([k]) => k !== 'old').map(([k, id]) => [k, byId.get(id)]));
  };
  const analysis = async (key: string) =>
    (await h.json<Analysis>(`/api/v1/analytics/activities/${ids.get(key)}`, { cookie: me.cookie })).body;
  const balance = async (key: string) =>
    (await h.json<Balance>(`/api/v1/analytics/activities/${ids.get(key)}/w-balance`, { cookie: me.cookie })).body;
  return { me, ids, ingest, loads, analysis, balance };
}

describe('an old file never scores new activities', () => {
  for (const [kind, c] of Object.entries(CASES)) {
    it(`${kind}: recent loads are the same with a 2013 activity uploaded after them or before them`, async () => {
      const h = Harness.init();
      const alone = await account(h);
      await alone.ingest(c.recent);
      const expected = await alone.loads();
      // The last has estimates from the earlier ones to be scored with.
      expect(expected['recent-3']).toMatch(new RegExp(`^${c.method} `));

      const oldLast = await account(h);
      await oldLast.ingest(c.recent);
      await oldLast.ingest([c.old]);
      expect(await oldLast.loads()).toEqual(expected);

      const oldFirst = await account(h);
      await oldFirst.ingest([c.old]);
      await oldFirst.ingest(c.recent);
      expect(await oldFirst.loads()).toEqual(expected);

      for (const who of [oldLast, oldFirst]) {
        // The first recent activity has no fresh estimate: never the 2013 one, never called high confidence.
        const first = await who.analysis('recent-0');
        expect(first.confidence).not.toBe('high');
        expect(first.loadBasis?.effectiveFrom ?? '').not.toMatch(/^2013/);
        expect(first.thresholdsUsed[kind]).toBeUndefined();
        // The 2013 estimate is kept for 2013, with its horizon: stale before any recent activity.
        const list = await h.json<Thresholds>('/api/v1/analytics/thresholds', { cookie: who.me.cookie });
        const old = list.body.thresholds.filter((x) => x.kind === kind && x.effectiveFrom < '2014-12-31');
        expect(old.length).toBeGreaterThan(0);
        // Its newest row names the day it lapsed: before the first recent activity.
        const newest = old.reduce((x, y) => (y.effectiveFrom > x.effectiveFrom ? y : x));
        expect(newest.effectiveUntil! < RECENT[0]!, JSON.stringify(newest)).toBe(true);
      }
    });
  }

  it('one threshold per activity: the W′ balance draws against the FTP the load used, with an old file or without', async () => {
    const h = Harness.init();
    const who = await account(h);
    await who.ingest(CASES.ftp.recent);
    await who.ingest([CASES.ftp.old]);
    for (const key of ['recent-0', 'recent-3']) {
      const [x, b] = [await who.analysis(key), await who.balance(key)];
      expect(b.model?.fit, key).not.toBeNull();
      expect(b.threshold, key).toMatchObject({ kind: 'ftp', source: x.loadBasis!.source, effectiveFrom: x.loadBasis!.effectiveFrom });
      expect(`${Math.round(b.threshold!.value)} W`, key).toBe(x.loadBasis!.used);
    }
  });
});
