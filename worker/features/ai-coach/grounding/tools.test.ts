import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { giveTier, membershipOf } from '../../../testing/scenarios';
import { createPlansService } from '../../plans';
import { planRequest } from '../../plans/control/plans-control.testing';
import type { ToolResult } from '../coach.types';
import { ALLOWED, groundingWorld, inWindow, km2, mmss, NOW, paceOf, STRAVA, stravaMarkers } from './grounding-testing';
import { contextBlock, coachContextSummary, systemPrompt } from './prompt';
import { createCoachTools, runCoachTool, toolResultText, toolSpec } from './tools';
import { analyticsWorld } from '../../../testing/analytics';

const MI = 1609.344;

describe('coach tools over a mixed-source athlete', () => {
  it('no tool result carries a Strava id, name or number; withheld counts them', async () => {
    const h = Harness.init();
    const g = await groundingWorld(h);
    await giveTier(h, g.athlete.id, 'pro');
    const plans = createPlansService({
      db: h.db,
      clock: g.deps.clock,
      analytics: analyticsWorld(h.db, NOW).analytics,
      membership: membershipOf(h),
    });
    await plans.create(g.athlete, planRequest(g.ctx().today));
    const tools = createCoachTools({ ...g.deps, plans });
    const ctx = g.ctx();
    const calls: [string, unknown][] = [
      ['query_activities', { from: '2025-01-01', to: '2026-11-21', limit: 20 }],
      ['query_activities', { from: '2026-11-01', sortBy: 'pace', order: 'asc', limit: 20 }],
      ['get_activity', { date: '2026-11-19' }],
      ['get_activity', { name: 'Strava Secret' }],
      ['get_personal_bests', { from: '2025-01-01' }],
      ['get_fitness', { days: 120 }],
      ['get_weekly_volume', { weeks: 12 }],
      ['get_personal_bests', {}],
      ['get_efficiency', { weeks: 52 }],
      ['get_insights', {}],
      ['get_plan', { from: '2026-11-01', to: '2026-12-05' }],
    ];
    const forbidden = [...STRAVA.map((f) => g.ids.get(f.key)!), ...stravaMarkers()];
    const results: ToolResult[] = [];
    for (const [name, input] of calls) {
      const out = await runCoachTool(tools, ctx, name, input);
      if (!out.ok) throw new Error(out.error);
      results.push(out.result);
      const text = toolResultText(out.result);
      const whole = JSON.stringify(out.result);
      for (const f of forbidden) {
        expect(text, `${name} text has ${f}`).not.toContain(f);
        expect(whole, `${name} result has ${f}`).not.toContain(f);
      }
      expect(out.result.withheld.every((w) => w.source === 'strava')).toBe(true);
    }
    const all = results[0]!;
    expect(all.withheld).toEqual([{ source: 'strava', count: 3 }]);
    expect(all.facts.find((f) => f.label.startsWith('number of activities'))?.value).toBe(
      ALLOWED.filter((f) => f.date >= '2025-01-01').length,
    );
    expect(all.receipts.map((r) => r.activityId).sort()).toEqual(ALLOWED.map((f) => g.ids.get(f.key)!).sort());
    expect(results[5]!.withheld).toEqual([{ source: 'strava', count: 3 }]);
    expect(results[2]!.empty).toBe('No activities on 2026-11-19.');
    expect(results[3]!.empty).toMatch(/^No activity named like “Strava Secret”/);
    expect(results[10]!.data).toMatchObject({ planId: expect.any(String) });
    expect((results[10]!.data as { workouts: unknown[] }).workouts.length).toBeGreaterThan(0);
    // The prompt's context block names what was withheld, never its content.
    const block = contextBlock(ctx, await coachContextSummary({ ...g.deps, plans }, ctx));
    expect(block).toContain('3 Strava activities');
    expect(block).toContain('Training plan: yes');
    for (const f of forbidden) expect(block).not.toContain(f);
  });

  it('lists and totals a window in km, sorted, with receipts for every activity behind the totals', async () => {
    const h = Harness.init();
    const g = await groundingWorld(h);
    const tools = createCoachTools(g.deps);
    const out = await runCoachTool(tools, g.ctx(), 'query_activities', {
      from: '2026-11-01',
      to: '2026-11-21',
      sport: 'run',
      sortBy: 'pace',
      order: 'asc',
      limit: 1,
    });
    if (!out.ok) throw new Error(out.error);
    const r = out.result;
    const runs = ALLOWED.filter((f) => f.sport === 'run' && inWindow(f, '2026-11-01', '2026-11-21'));
    const fastest = [...runs].sort((x, y) => x.movingS / x.distanceM - y.movingS / y.distanceM)[0]!;
    const fact = (suffix: string) => r.facts.find((f) => f.label.endsWith(suffix))?.value;
    expect(r.window).toEqual({ from: '2026-11-01', to: '2026-11-21' });
    expect(r.withheld).toEqual([{ source: 'strava', count: 1 }]);
    expect(fact('number of runs 2026-11-01 to 2026-11-21')).toBe(runs.length);
    expect(fact('total distance 2026-11-01 to 2026-11-21')).toBe(km2(runs.reduce((s, f) => s + f.distanceM, 0)));
    expect(fact(`${fastest.date} ${fastest.name}: pace`)).toBe(paceOf(fastest));
    expect(fact(`${fastest.date} ${fastest.name}: distance`)).toBe(km2(fastest.distanceM));
    expect(fact(`${fastest.date} ${fastest.name}: moving time`)).toBe(mmss(fastest.movingS));
    expect(r.facts.find((f) => f.label.endsWith(': pace'))?.unit).toBe('min/km');
    expect(r.receipts.map((x) => x.activityId).sort()).toEqual(runs.map((f) => g.ids.get(f.key)!).sort());
    expect(r.receipts[0]!.values).toMatchObject({ distance: `${km2(fastest.distanceM)} km`, pace: `${paceOf(fastest)} /km` });
  });

  it('speaks miles, min/mi and feet to a miles athlete', async () => {
    const h = Harness.init();
    const g = await groundingWorld(h, { units: 'mi' });
    const out = await runCoachTool(createCoachTools(g.deps), g.ctx(), 'query_activities', { from: '2026-11-16', to: '2026-11-16' });
    if (!out.ok) throw new Error(out.error);
    const long = ALLOWED.find((f) => f.key === 'r3')!;
    const byLabel = Object.fromEntries(out.result.facts.map((f) => [f.label.replace(/^.*: /, ''), f]));
    expect(byLabel.distance).toEqual(expect.objectContaining({ value: km2(long.distanceM, MI), unit: 'mi' }));
    expect(byLabel.pace).toEqual(expect.objectContaining({ value: paceOf(long, MI), unit: 'min/mi' }));
    expect(byLabel['elevation gain']).toEqual(expect.objectContaining({ value: Math.round(long.elevationM * 3.280839895), unit: 'ft' }));
    expect(out.result.units).toBe('mi');
  });

  it('dates are local: an athlete whose day is ahead of UTC', async () => {
    const h = Harness.init();
    // 2026-11-21T11:30Z is 00:30 on the 22nd in Auckland (UTC+13): the run is "today" there.
    const g = await groundingWorld(h, {
      timeZone: 'Pacific/Auckland',
      activities: [
        {
          key: 'nz',
          source: 'fit_upload',
          sport: 'run',
          date: '2026-11-22',
          distanceM: 8000,
          movingS: 2640,
          avgHr: 140,
          elevationM: 5,
          name: 'Midnight Run',
          startTime: '2026-11-21T11:30:00Z',
        },
      ],
    });
    expect(g.ctx().today).toBe('2026-11-22');
    const out = await runCoachTool(createCoachTools(g.deps), g.ctx(), 'query_activities', {});
    if (!out.ok) throw new Error(out.error);
    expect(out.result.window).toEqual({ from: '2026-10-26', to: '2026-11-22' });
    expect(out.result.receipts.map((r) => r.date)).toEqual(['2026-11-22']);
    expect(out.result.timeZone).toBe('Pacific/Auckland');
  });

  it('says an empty window is empty, and defaults windows to the return date', async () => {
    const h = Harness.init();
    const g = await groundingWorld(h);
    const tools = createCoachTools(g.deps);
    const empty = await runCoachTool(tools, g.ctx(), 'query_activities', { from: '2026-08-01', to: '2026-08-31' });
    if (!empty.ok) throw new Error(empty.error);
    expect(empty.result).toMatchObject({ empty: 'No activities between 2026-08-01 and 2026-08-31.', facts: [], receipts: [] });
    expect(toolResultText(empty.result)).toContain('"empty":"No activities between 2026-08-01 and 2026-08-31."');
    const back = await runCoachTool(tools, g.ctx('2026-11-17'), 'query_activities', { sport: 'run' });
    if (!back.ok) throw new Error(back.error);
    expect(back.result.window).toEqual({ from: '2026-11-17', to: '2026-11-21' });
    const weeks = await runCoachTool(tools, g.ctx('2026-11-03'), 'get_weekly_volume', {});
    if (!weeks.ok) throw new Error(weeks.error);
    expect(weeks.result.window).toEqual({ from: '2026-11-02', to: '2026-11-21' });
    const past = await runCoachTool(tools, g.ctx(), 'query_activities', { to: '2026-10-31' });
    expect(past.ok && past.result.window).toEqual({ from: '2026-10-04', to: '2026-10-31' });
    const noPlan = await runCoachTool(tools, g.ctx(), 'get_plan', {});
    expect(noPlan.ok && noPlan.result.empty).toBeTruthy();
  });

  it('validates inputs and describes each tool with a JSON schema', async () => {
    const h = Harness.init();
    const g = await groundingWorld(h, { activities: [] });
    const tools = createCoachTools(g.deps);
    expect(tools.map((t) => t.name)).toEqual([
      'query_activities',
      'get_activity',
      'get_fitness',
      'get_weekly_volume',
      'get_personal_bests',
      'get_efficiency',
      'get_insights',
      'get_plan',
      'race_plan',
      'wellness_days',
      'sleep_before_best',
    ]);
    expect(await runCoachTool(tools, g.ctx(), 'query_activities', { limit: 21 })).toMatchObject({ ok: false });
    expect(await runCoachTool(tools, g.ctx(), 'get_fitness', { days: 3 })).toMatchObject({ ok: false });
    expect(await runCoachTool(tools, g.ctx(), 'nope', {})).toMatchObject({ ok: false });
    const spec = toolSpec(tools[0]!);
    expect(spec.inputSchema).toMatchObject({
      type: 'object',
      properties: { sortBy: { enum: ['date', 'distance', 'duration', 'pace', 'load', 'elevation'] } },
    });
    for (const t of tools) {
      // get_activity needs a day or a name to look for.
      const r = await runCoachTool(tools, g.ctx(), t.name, t.name === 'get_activity' ? { date: g.ctx().today } : {});
      if (!r.ok) throw new Error(r.error);
      expect(r.result.empty, t.name).toBeTruthy();
    }
    expect(systemPrompt().length / 4).toBeGreaterThan(1100);
    // Every data tool is introduced by name, and the policy's note is asked for first.
    for (const t of tools) expect(systemPrompt(), t.name).toContain(t.name);
    expect(systemPrompt()).toContain('open with "Of the activities I may use');
    const thin = contextBlock(g.ctx('2026-11-01'), await coachContextSummary(g.deps, g.ctx('2026-11-01')));
    expect(thin).toContain('Usable history: none');
    expect(thin).toContain('returned to training on 2026-11-01');
    expect(thin).toContain('Training plan: none');
    expect(thin).not.toContain('Not available to you');
  });
});
