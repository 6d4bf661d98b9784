// GET /api/v1/wellness/why on the real database and runtime: an athlete whose sleep rose over the last 40 days, and
// whose easy-run efficiency follows it, is told sleep changed (with its interval) and shown the engine's finding
// with the runs behind it; the weight chart with no weigh-ins says there is too little; bad input is a 400.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { buildActivity } from '../../../testing/factories/activity';
import { analyticsWorld } from '../../../testing/analytics';
import type { Body } from '../../../testing/bodies';
import { expectErrorShape, Harness } from '../../../testing/harness';
import * as repo from '../wellness.repo';
import type { WhyAnswer } from './why.schema';
import { mulberry32 } from '../../../lib/random';

type Why = Body<typeof WhyAnswer>;
const today = () => todayIn('UTC', new Date());

/** 80 days of an easy run and a night's sleep each; the last 40 nights an hour longer, the runs' speed following sleep. */
async function athlete(h: Harness) {
  const me = await h.signup();
  expect(
    (await h.json('/api/v1/analytics/thresholds', { body: { kind: 'max_hr', value: 190, effectiveFrom: '2000-01-01' }, cookie: me.cookie }))
      .status,
  ).toBe(200);
  const w = analyticsWorld(h.db);
  const rand = mulberry32(21);
  for (let i = 80; i >= 1; i--) {
    const day = addDays(today(), -i);
    const sleepH = Math.round(((i <= 40 ? 6.5 : 5.5) + rand() * 2.5) * 4) / 4;
    const speed = 2.6 + 0.25 * (sleepH - 7) + (rand() - 0.5) * 0.16;
    await repo.putDay(h.db, me.user.id, day, 'checkin', [{ field: 'sleepS', value: sleepH * 3600, textValue: null }], [], new Date());
    const run = buildActivity({
      startTime: new Date(`${day}T07:00:00Z`),
      localStartDate: day,
      name: `Easy ${i}`,
      movingTimeS: 2700,
      elapsedTimeS: 2750,
      distanceM: Math.round(speed * 2700),
      avgHr: 135,
    });
    await w.activities.ingest(me.user.id, run);
  }
  return me;
}

describe('why this trend', () => {
  it('names the input that changed over the window and the engine’s finding for this chart, with its receipts', async () => {
    const h = Harness.init();
    const me = await athlete(h);
    const from = addDays(today(), -40);
    const to = addDays(today(), -1);
    const r = await h.json<Why>(`/api/v1/wellness/why?chart=efficiency&from=${from}&to=${to}`, { cookie: me.cookie });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.window).toEqual({ from, to });
    expect(r.body.before).toEqual({ from: addDays(today(), -80), to: addDays(today(), -41) });
    expect(r.body.status).toBe('ok');
    const sleep = r.body.compared.find((c) => c.key === 'sleep')!;
    expect(sleep).toMatchObject({ label: 'sleep the night before', unit: 'h', changed: true });
    expect(sleep.now.n).toBe(40);
    expect(sleep.before.n).toBe(40);
    expect(sleep.diff).toBeGreaterThan(0.5);
    expect(sleep.low).toBeGreaterThan(0);
    expect(r.body.compared[0]!.key).toBe('sleep');
    const finding = r.body.findings.find((f) => f.key === 'sleep~easy_run_ef');
    expect(finding, JSON.stringify(r.body.findings)).toMatchObject({ inputKey: 'sleep', outcomeKey: 'easy_run_ef', inputChanged: true });
    expect(finding!.totalReceipts).toBe(80);
    expect(finding!.receipts).toHaveLength(8);
    expect(finding!.receipts[0]).toMatchObject({ kind: 'activity', name: 'Easy 1', day: addDays(today(), -1) });
    expect(r.body.findings.every((f) => ['easy_run_ef', 'easy_ride_ef'].includes(f.outcomeKey))).toBe(true);
    expect(r.body.summary).toMatch(/^\d+ of the \d+ inputs compared changed over this window: .*sleep the night before/);

    // The weight chart: no weigh-ins, so no finding for it; the inputs that changed are still said.
    const weight = await h.json<Why>(`/api/v1/wellness/why?chart=weight&from=${from}&to=${to}`, { cookie: me.cookie });
    expect(weight.status).toBe(200);
    expect(weight.body.findings).toEqual([]);
    expect(weight.body.summary).toContain('The engine has no finding linking an input to this chart yet');
  });

  it('a new athlete is told there is too little; a bad range is a 400; signed out is a 401', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const r = await h.json<Why>('/api/v1/wellness/why?chart=fitness', { cookie: me.cookie });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'too_little', compared: [], findings: [] });
    expect(r.body.window).toEqual({ from: addDays(today(), -90), to: today() });
    const bad = await h.json(`/api/v1/wellness/why?chart=fitness&from=${today()}&to=${addDays(today(), -3)}`, { cookie: me.cookie });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 'VALIDATION');
    expect((await h.json('/api/v1/wellness/why?chart=fitness&from=2020-01-01&to=2024-01-01', { cookie: me.cookie })).status).toBe(400);
    expect((await h.json('/api/v1/wellness/why?chart=mood', { cookie: me.cookie })).status).toBe(400);
    expect((await h.json('/api/v1/wellness/why?chart=fitness')).status).toBe(401);
  });
});
