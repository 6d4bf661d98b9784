// A new athlete's first day (issue 37): an old power ride uploaded first, a recent ride that sets this week's
// FTP estimate, then the athlete's own FTP for the old date. The recent estimate is never used for the old ride
// (ADR 065: no day reads an estimate from its future), its own 20 minutes serve until the athlete sets a value,
// which recomputes the ride's load and its day; the activity analysis says which threshold was used and why.
import { describe, expect, it } from 'vitest';
import type { Body } from '../../testing/bodies';
import { Harness } from '../../testing/harness';
import { analyticsWorld, derivedSnapshot } from '../../testing/analytics';
import type { ActivityAnalysisResponse } from './analytics.schema';
import { estimateSettingRide, powerRide } from './power-ride.testing';

type Analysis = Body<typeof ActivityAnalysisResponse>;

/** NP of a stream at 1 Hz with no pauses: 4th-power mean of the 30-s rolling average. */
function np(power: number[]): number {
  let sum = 0;
  let acc = 0;
  for (let i = 0; i < power.length; i++) {
    acc += power[i]!;
    if (i >= 30) acc -= power[i - 30]!;
    if (i >= 29) sum += (acc / 30) ** 4;
  }
  return (sum / (power.length - 29)) ** 0.25;
}

describe('thresholds by date', () => {
  it('an old ride is scored with its own 20 minutes, not a later estimate, and recomputed when the athlete sets an FTP', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    const analysis = async (id: string) => {
      const res = await h.json<Analysis>(`/api/v1/analytics/activities/${id}`, { cookie: me.cookie });
      expect(res.status).toBe(200);
      return res.body;
    };
    const dayLoad = async (day: string) => Number((await derivedSnapshot(h.db, me.user.id)).days.find((d) => d.day === day)!.load);

    // The 2013 ride: 78 min, its best 20 minutes at 312 W inside 300 W.
    const watts2013 = (s: number) => (s >= 600 && s < 1800 ? 312 : 300);
    const old = await w.activities.ingest(me.user.id, powerRide('2013-06-01', 4680, watts2013));
    const npOld = np(Array.from({ length: 4680 }, (_, s) => watts2013(s)));
    const ownOnly = {
      method: 'power_tss',
      confidence: 'low',
      loadBasis: { kind: 'ftp', inEffect: null, used: '296 W', source: 'activity', effectiveFrom: '2013-06-01', raisedBy: 'best_20min' },
    };
    expect(await analysis(old.id)).toMatchObject(ownOnly);

    // A ride this week: 30 min at 150.5 W → an FTP estimate of round(0.95 × 150.5) = 143 W from the Monday after it,
    // queued as a rebuild. It changes nothing for 2013.
    await w.activities.ingest(me.user.id, estimateSettingRide());
    expect(await w.trainingLoad.settle(me.user.id)).toBe(true);

    const guessed = await analysis(old.id);
    expect(guessed).toMatchObject(ownOnly);
    expect(guessed.loadBasis!.notes.join(' ')).toMatch(/No threshold was in effect on this day.*312 W/s);
    expect(guessed.intensity!).toBeLessThanOrEqual(1.05);
    expect(guessed.intensity!).toBeCloseTo(npOld / (312 * 0.95), 2);
    const boundedLoad = Math.round(1.3 * (npOld / (312 * 0.95)) ** 2 * 1000) / 10;
    expect(guessed.load).toBeCloseTo(boundedLoad, 0);
    expect(await dayLoad('2013-06-01')).toBeCloseTo(boundedLoad, 0);

    // The athlete sets the FTP they had then: the old ride's load and its day are recomputed at once.
    const set = await h.json('/api/v1/analytics/thresholds', {
      body: { kind: 'ftp', value: 300, effectiveFrom: '2013-01-01' },
      cookie: me.cookie,
    });
    expect(set.status).toBe(200);
    const known = await analysis(old.id);
    expect(known).toMatchObject({
      confidence: 'high',
      loadBasis: {
        inEffect: '300 W',
        used: '300 W',
        source: 'manual',
        effectiveFrom: '2013-01-01',
        raisedBy: null,
        notes: [],
      },
    });
    const knownLoad = Math.round(1.3 * (npOld / 300) ** 2 * 1000) / 10;
    expect(known.load).toBeCloseTo(knownLoad, 0);
    expect(await dayLoad('2013-06-01')).toBeCloseTo(knownLoad, 0);
  });
});
