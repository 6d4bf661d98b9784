// The N=1 engine on the real database and runtime: a planted athlete (easy-run efficiency that follows last
// night's sleep) gets that finding with its receipts; a noise athlete gets none; and a check-in patched in through
// the wellness service's hook changes only the questions it touches and leaves exactly what a full pass computes.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { analyticsRebuilds, wellnessEngineState } from '../../../db/schema';
import { addDays, todayIn } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import { loadState } from './engine.repo';
import { engineAthlete as athlete, rng } from './engine.testing';

const today = () => todayIn('UTC', new Date());

describe('the N=1 engine', () => {
  it('finds the planted pattern with its receipts, and asks the whole family', async () => {
    const h = Harness.init();
    const { a, engine, ids } = await athlete(h, { days: 70, planted: true, seed: 7 });
    const f = await engine.findings(a);
    expect(f.status).toBe('ready');
    expect(f.updating).toBe(false);
    expect(f.asked).toBeGreaterThanOrEqual(140);
    const sleep = f.findings.find((x) => x.key === 'sleep~easy_run_ef');
    expect(sleep, JSON.stringify(f.findings.map((x) => x.key))).toBeDefined();
    expect(sleep!.rho).toBeGreaterThan(0.5);
    expect(sleep!.rhoLow).toBeGreaterThan(0);
    expect(sleep!.text).toMatch(/sleep the night before/);
    expect(sleep!.text).toMatch(new RegExp(`of ${f.asked} patterns tested`));
    expect(sleep!.receipts).toBe(70);
    const q = await engine.question(a, 'sleep~easy_run_ef');
    expect(q.status).toBe('finding');
    expect(q.pairs).toHaveLength(70);
    expect(q.pairs[0]!.receipt).toMatchObject({ kind: 'activity', id: ids[0], name: 'Easy 70' });
    expect(q.pairs[0]!.inputSource).toBe('checkin');
    // Questions without their data wait with how many more days, never a bare "not enough data"; one whose series
    // never varies (a run every day: 7 training days every week) says so instead of a number (issue 55).
    for (const w of f.waiting)
      expect(w.text).toMatch(
        w.moreDays === null ? /^Can’t be answered while your .+ doesn’t vary \(/ : /^About \d+ more (days|weeks) with both /,
      );
    await expect(engine.question(a, 'nope~nothing')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // While a rebuild of the athlete's figures is queued (a large import moved a threshold), the answer says it may
    // change; once drained, it does not.
    await h.db.insert(analyticsRebuilds).values({ userId: a.id, reason: 'estimate' });
    expect((await engine.findings(a)).updating).toBe(true);
    await h.db.delete(analyticsRebuilds).where(eq(analyticsRebuilds.userId, a.id));
    expect((await engine.findings(a)).updating).toBe(false);

    // A stored form this code cannot read (another engine version's) is recomputed, not a broken page.
    await h.db.update(wellnessEngineState).set({ training: {} }).where(eq(wellnessEngineState.userId, a.id));
    expect((await engine.findings(a)).findings.map((x) => x.key)).toEqual(f.findings.map((x) => x.key));
  });

  it('finds nothing in noise', async () => {
    const h = Harness.init();
    const { a, engine } = await athlete(h, { days: 70, planted: false, seed: 11 });
    const f = await engine.findings(a);
    expect(f.tested).toBeGreaterThan(0);
    expect(f.findings.map((x) => x.key)).toEqual([]);
  });

  it('patches a check-in: only its questions change, and the result equals a full pass', async () => {
    const h = Harness.init();
    const { me, a, engine, wellness } = await athlete(h, { days: 45, planted: true, seed: 3 });
    await engine.findings(a);
    const rand = rng(99);
    const wa = { id: me.user.id, units: 'km' as const, timeZone: 'UTC' };
    for (let k = 0; k < 4; k++) {
      const before = (await loadState(h.db, a.id))!;
      const day = addDays(today(), -(1 + Math.floor(rand() * 44)));
      const field = k % 2 === 0 ? 'mood' : 'sleep';
      // A value the day did not have (the seed's sleep is in quarter hours from 5.5 h), so the check-in changes it.
      const mood = ((before.data.wellness.mood?.[day]?.checkin ?? 1) % 4) + 1;
      await wellness.checkIn(wa, day, field === 'mood' ? { mood } : { sleepHours: 4 + k / 10 });
      const after = (await loadState(h.db, a.id))!;
      expect(after.version).toBe(before.version + 1);
      const inputs = field === 'mood' ? ['mood'] : ['sleep', 'sleep_7d'];
      for (const [i, q] of after.result.questions.entries())
        if (!inputs.includes(q.input)) expect(q.fp, q.key).toBe(before.result.questions[i]!.fp);
      const full = await engine.fullPass(a);
      expect(after.data).toEqual(full.data);
      expect(after.result).toEqual(full.result);
    }
  });
});
