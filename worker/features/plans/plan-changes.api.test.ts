// The change history says what changed: GET /plans/{id}/changes gives, for every kind of change, each
// workout it touched with its fields before → after (typed in the OpenAPI document), a summary for a week's
// adjustment and a rebuild, and the training page writes it in words ("Moved Easy run from Tue 11 Dec to …").
import { describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import { analyticsWorld } from '../../testing/analytics';
import type { Body, ErrorBody } from '../../testing/bodies';
import { buildActivity } from '../../testing/factories/activity';
import { Harness } from '../../testing/harness';
import { Change, type Plan } from './plans.schema';
import { proWithPlan, today } from './plans-api.testing';

type ChangeBody = Body<typeof Change>;
/** Dates as the page writes them ("Tue 11 Dec"), read independently of the app's formatter. */
const dayWords = (ymd: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${ymd}T12:00:00Z`),
  );
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('the change history: before → after', () => {
  it('each kind of change lists the workouts it touched with their fields from → to, typed as the document says', async () => {
    const h = Harness.init();
    const a = await proWithPlan(h);
    const list = await a.calendar(a.plan.startDate, addDays(a.plan.startDate, 20));
    const runs = list.filter((w) => w.sport === 'run' && w.type === 'easy');
    const [x, y] = [runs[0]!, runs[1]!];
    const free = addDays(x.date, 1);
    expect(list.some((w) => w.date === free)).toBe(false);
    const wk2 = list.find((w) => w.week === 2)!;

    const did: Record<string, ChangeBody> = {};
    const run = async (key: string, path: string, init: { method?: string; body?: unknown } = {}) => {
      const r = await a.api(path, init);
      expect(r.status, `${key}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
      did[key] = r.body;
      return r.body;
    };
    await run('move', `/workouts/${x.id}/move`, { body: { date: free } });
    await run('skip', `/workouts/${y.id}/skip`);
    await run('restore', `/workouts/${y.id}/restore`);
    await run('delete', `/workouts/${y.id}`, { method: 'DELETE' });
    await run('edit', `/workouts/${x.id}`, { method: 'PATCH', body: { type: 'recovery', durationSec: 1800 } });
    const add = await run('add', '/workouts', {
      body: { date: x.date, sport: 'bike', type: 'easy', title: 'Easy spin', durationSec: 2700 },
    });
    await run('swap', '/swap', { body: { from: free, to: wk2.date } });
    await run('adjust', '/weeks/3/adjust', { body: { percent: -10 } });
    await run('unlink', `/workouts/${x.id}/unlink`);
    await run('auto', `/workouts/${x.id}/link`, { body: { activityId: null } });
    const undone = await run('undo', `/changes/${add.id}/undo`);
    await run('redo', `/changes/${undone.id}/undo`);
    expect((await a.api<Body<typeof Plan>>('/status', { body: { status: 'paused' } })).status).toBe(200);

    const history = await a.api<{ changes: ChangeBody[] }>('/changes', { method: 'GET', body: undefined });
    expect(history.status).toBe(200);
    // Every change parses as the document's PlanChange (fields typed by kind, dates as dates).
    for (const c of history.body.changes) expect(() => Change.parse(c), c.action).not.toThrow();
    const logged = (key: string) => history.body.changes.find((c) => c.id === did[key]!.id)!;
    const field = (key: string, id: string, name: string) =>
      logged(key)
        .workouts.find((w) => w.id === id)
        ?.fields.find((f) => f.field === name);
    // Each answer the change gave is the same as its line in the history; a hand edit's adds its warnings (ADR 104).
    for (const key of Object.keys(did)) {
      const { warnings, ...answer } = did[key]!;
      expect(answer, key).toEqual({ ...logged(key), undone: did[key]!.undone });
      expect(warnings === undefined, key).toBe(!['move', 'edit', 'add', 'swap'].includes(key));
    }

    expect(logged('move').workouts).toMatchObject([{ id: x.id, kind: 'changed', date: free, title: x.title }]);
    expect(field('move', x.id, 'date')).toEqual({ field: 'date', from: x.date, to: free });
    expect(field('skip', y.id, 'skipped')).toEqual({ field: 'skipped', from: false, to: true });
    expect(field('restore', y.id, 'skipped')).toEqual({ field: 'skipped', from: true, to: false });
    expect(field('delete', y.id, 'skipped')).toEqual({ field: 'skipped', from: false, to: true });
    expect(logged('edit').workouts[0]!.fields.map((f) => f.field)).toEqual(
      expect.arrayContaining(['type', 'durationSec', 'intensity', 'steps', 'targetLoad', 'title', 'description']),
    );
    expect(field('edit', x.id, 'type')).toEqual({ field: 'type', from: 'easy', to: 'recovery' });
    expect(field('edit', x.id, 'durationSec')).toEqual({ field: 'durationSec', from: x.durationSec, to: 1800 });
    expect(field('edit', x.id, 'title')).toEqual({ field: 'title', from: x.title, to: 'Recovery run 30 min' });
    expect(field('edit', x.id, 'steps')?.to).toBe('30 min Z1');
    expect(field('edit', x.id, 'intensity')).toEqual({ field: 'intensity', from: 'Z2', to: 'Z1' });
    expect(logged('add').workouts).toEqual([
      {
        id: add.workoutIds[0],
        kind: 'added',
        title: 'Easy spin',
        sport: 'bike',
        type: 'easy',
        date: x.date,
        durationSec: 2700,
        fields: [],
      },
    ]);
    const swapped = logged('swap').workouts;
    expect(swapped.length).toBeGreaterThanOrEqual(2);
    for (const w of swapped) expect([free, wk2.date]).toContain(field('swap', w.id, 'date')?.from);
    expect(field('swap', x.id, 'date')).toEqual({ field: 'date', from: free, to: wk2.date });
    const week = logged('adjust').summary;
    expect(week).toMatchObject({ kind: 'week', week: 3, workouts: logged('adjust').workouts.length });
    if (week?.kind !== 'week') throw new Error('no week summary');
    expect(week.durationSec.to / week.durationSec.from).toBeCloseTo(0.9, 1);
    expect(week.targetLoad.to).toBeLessThan(week.targetLoad.from);
    expect(field('unlink', x.id, 'linkMode')).toEqual({ field: 'linkMode', from: null, to: 'unlinked' });
    expect(field('auto', x.id, 'linkMode')).toEqual({ field: 'linkMode', from: 'unlinked', to: null });
    expect(logged('undo').workouts).toMatchObject([{ id: add.workoutIds[0], kind: 'removed', title: 'Easy spin', fields: [] }]);
    expect(logged('redo').workouts).toMatchObject([{ id: add.workoutIds[0], kind: 'added', title: 'Easy spin' }]);
    const pause = history.body.changes[0]!;
    expect(pause).toMatchObject({ action: 'pause', workouts: [], summary: null });
    for (const key of ['move', 'skip', 'edit', 'swap', 'unlink', 'undo']) expect(logged(key).summary, key).toBeNull();

    // The document types it: the change's workouts and summary, and each field's value by field.
    const doc = (
      await h.json<{ components: { schemas: Record<string, { properties?: Record<string, unknown>; anyOf?: unknown[] }> } }>(
        '/api/openapi.json',
      )
    ).body.components.schemas;
    expect(Object.keys(doc.PlanChange!.properties!)).toEqual(expect.arrayContaining(['workouts', 'summary', 'warnings']));
    expect(doc.PlanChangeField!.anyOf).toHaveLength(9);
    expect(doc.PlanChangeWorkout).toBeDefined();
    expect(doc.PlanChangeSummary).toBeDefined();

    // The training page writes them in words, dates as the app writes them.
    await a.api<Body<typeof Plan>>('/status', { body: { status: 'active' } });
    const page = await (await h.call(`/training?date=${x.date}`, { cookie: a.cookie })).text();
    for (const line of [
      `Moved ${x.title.replace(/\s+\d+ (?:h|min|s)\b.*$/, '')} from ${dayWords(x.date)} to ${dayWords(free)}`,
      `Changed Easy run: type easy → recovery, ${x.durationSec / 60} min → 30 min`,
      `Skipped ${y.title.replace(/\s+\d+ (?:h|min|s)\b.*$/, '')} on ${dayWords(y.date)}`,
      `Added Easy spin on ${dayWords(x.date)} (45 min)`,
      `Removed Easy spin from ${dayWords(x.date)}`,
      `Week 3: ${week.workouts} workout`,
    ])
      expect(page, line).toContain(escapeHtml(line));
  });

  it('a rebuild starts the new plan’s history with what changed: weeks, the heaviest week, the first day; it is not undone', async () => {
    const h = Harness.init();
    const a = await h.signup();
    // Answers that say 2 h a week: the plan starts from them, and the history below says far more.
    const goal = { kind: 'run_10k', eventName: 'River 10K', eventDate: addDays(today(), 70) };
    const saved = await h.json('/api/v1/intake', {
      method: 'PUT',
      cookie: a.cookie,
      body: {
        goal,
        availableDays: [1, 3, 5, 6],
        longDay: 6,
        hoursPerWeek: 5,
        injuries: '',
        returningFromBreak: true,
        returnDate: addDays(today(), -21),
        runsPerWeek: 3,
        weeklyVolume: { unit: 'km', value: 20 },
        longestRun: { unit: 'min', value: 60 },
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const request = {
      goal,
      availableDays: [1, 3, 5, 6],
      longDay: 6,
      hoursPerWeek: 5,
      includeStrength: false,
    };
    const made = await h.json<Body<typeof Plan>>('/api/v1/plans', { body: request, cookie: a.cookie });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const { activities } = analyticsWorld(h.db);
    for (let d = 1; d <= 30; d++) {
      const start = new Date(Date.now() - d * 86_400_000);
      await activities.ingest(
        a.user.id,
        buildActivity({ startTime: start, localStartDate: start.toISOString().slice(0, 10), movingTimeS: 3600 }),
      );
    }
    const rebuilt = await h.json<Body<typeof Plan>>(`/api/v1/plans/${made.body.id}/rebuild`, { method: 'POST', cookie: a.cookie });
    expect(rebuilt.status, JSON.stringify(rebuilt.body)).toBe(200);
    const peak = (p: Body<typeof Plan>) => Math.max(...p.weeks.map((w) => Number(w.plannedHours)));
    const history = await h.json<{ changes: ChangeBody[] }>(`/api/v1/plans/${rebuilt.body.id}/changes`, { cookie: a.cookie });
    expect(history.body.changes).toHaveLength(1);
    const [c] = history.body.changes;
    expect(c).toMatchObject({
      action: 'rebuild',
      source: 'athlete',
      workouts: [],
      summary: {
        kind: 'rebuild',
        previousPlanId: made.body.id,
        weeks: { from: made.body.weeks.length, to: rebuilt.body.weeks.length },
        peakWeekHours: { from: peak(made.body), to: peak(rebuilt.body) },
        startDate: { from: made.body.startDate, to: rebuilt.body.startDate },
      },
    });
    expect(() => Change.parse(c)).not.toThrow();
    const undo = await h.json<ErrorBody>(`/api/v1/plans/${rebuilt.body.id}/changes/${c!.id}/undo`, {
      method: 'POST',
      body: {},
      cookie: a.cookie,
    });
    expect(undo.status).toBe(409);
    expect(undo.body.error.reason).toBe('UNDO_CONFLICT');
    const page = await (await h.call('/training', { cookie: a.cookie })).text();
    expect(page).toContain(
      escapeHtml(
        `From your history, starting ${dayWords(rebuilt.body.startDate)}: ${made.body.weeks.length} → ${rebuilt.body.weeks.length} weeks`,
      ),
    );
  });
});
