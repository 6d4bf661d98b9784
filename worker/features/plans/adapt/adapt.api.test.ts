// Adaptive plan changes through the API (issue 58): an illness noted proposes its changes, which the athlete confirms
// (one change in the log), undoes, or dismisses; a decided change is not decided twice; a moved race proposes the
// weeks made again for its date; another athlete's changes are not found.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { Harness } from '../../../testing/harness';
import type { Plan } from '../plans.schema';
import { proWithPlan, today } from '../plans-api.testing';
import type { Adaptation, AdaptationList, HealthNoteAnswer } from './adapt.schema';

type Item = Body<typeof Adaptation>;

const withPlan = (h: Harness) =>
  proWithPlan(h, {
    goal: { kind: 'run_half', eventDate: addDays(today(), 84), eventName: 'River Half' },
    availableDays: [0, 1, 2, 3, 4, 5, 6],
    hoursPerWeek: 6,
  });

describe('adaptive plan changes', () => {
  it('an illness proposes its changes; confirmed they are one change in the log, undone the plan is as it was', async () => {
    const h = Harness.init();
    const a = await withPlan(h);
    const before = await a.calendar();
    const from = addDays(today(), 3);
    const noted = await a.api<Body<typeof HealthNoteAnswer>>('/health-notes', { body: { kind: 'illness', from, to: addDays(from, 1) } });
    expect(noted.status, JSON.stringify(noted.body)).toBe(201);
    const p = noted.body.proposals.find((x) => x.trigger.kind === 'health')!;
    expect(p.status).toBe('proposed');
    expect(p.reason).toMatch(/illness/);
    // Every session inside the two days is dropped, each step in words with the workout it touches.
    const inside = before.filter((w) => w.date >= from && w.date <= addDays(from, 1) && w.sport !== 'rest');
    expect(
      p.changes
        .filter((c) => c.step.kind === 'skip')
        .map((c) => (c.step as { workoutId: string }).workoutId)
        .sort(),
    ).toEqual(inside.map((w) => w.id).sort());
    for (const c of p.changes) expect(c.words.length).toBeGreaterThan(5);

    const list = await a.api<Body<typeof AdaptationList>>('/adaptations', { method: 'GET', body: undefined });
    expect(list.body).toMatchObject({ auto: false, waitsForCoach: false });
    expect(list.body.items.map((x) => x.id)).toContain(p.id);

    const confirmed = await a.api<Item>(`/adaptations/${p.id}/confirm`);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'applied', auto: false });
    expect(confirmed.body.changeId).not.toBeNull();
    const after = await a.calendar();
    for (const w of inside) expect(after.find((x) => x.id === w.id)!.skipped).toBe(true);
    const changes = await a.api<{ changes: { id: string; action: string }[] }>('/changes', { method: 'GET', body: undefined });
    expect(changes.body.changes.filter((c) => c.action === 'adapt').map((c) => c.id)).toEqual([confirmed.body.changeId]);

    const again = await a.api<ErrorBody>(`/adaptations/${p.id}/confirm`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', reason: 'PROPOSAL_DECIDED' });

    const undone = await a.api<Item>(`/adaptations/${p.id}/undo`);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body.status).toBe('undone');
    const restored = await a.calendar();
    for (const w of inside) expect(restored.find((x) => x.id === w.id)!.skipped).toBe(false);
  });

  it('a dismissed change leaves the plan; another athlete’s changes are not found; bad input is a 400', async () => {
    const h = Harness.init();
    const [a, b] = await Promise.all([withPlan(h), withPlan(h)]);
    const from = addDays(today(), 5);
    const p = (await a.api<Body<typeof HealthNoteAnswer>>('/health-notes', { body: { kind: 'injury', from, to: from } })).body
      .proposals[0]!;
    expect(p.reason).toMatch(/physio/);
    // B names A's change under B's plan and under A's: not found either way, and A's change is untouched.
    expect((await b.api<Item>(`/adaptations/${p.id}/confirm`)).status).toBe(404);
    expect((await h.json(`/api/v1/plans/${a.plan.id}/adaptations/${p.id}/confirm`, { body: {}, cookie: b.cookie })).status).toBe(404);
    expect((await h.json(`/api/v1/plans/${a.plan.id}/adaptations`, { cookie: b.cookie })).status).toBe(404);
    const before = await a.calendar();
    const dismissed = await a.api<Item>(`/adaptations/${p.id}/dismiss`);
    expect(dismissed.body.status).toBe('dismissed');
    expect(await a.calendar()).toEqual(before);
    expect((await a.api<Item>(`/adaptations/${p.id}/undo`)).status).toBe(409);

    const bad = await a.api<ErrorBody>('/health-notes', { body: { kind: 'illness', from, to: addDays(from, -1) } });
    expect(bad.status).toBe(400);
    expect((await a.api<Item>('/race-date', { body: { date: 'soon' } })).status).toBe(400);
  });

  it('a moved race proposes the weeks made again for its new date; confirmed, the plan’s race day is the new one', async () => {
    const h = Harness.init();
    const a = await withPlan(h);
    const to = addDays(a.plan.goal.eventDate!, 14);
    const moved = await a.api<{ proposals: Item[] }>('/race-date', { body: { date: to } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const p = moved.body.proposals.find((x) => x.trigger.kind === 'race_moved')!;
    expect(p.changes.map((c) => c.step)).toEqual([{ kind: 'rebuild', eventDate: to }]);
    expect(p.small).toBe(false);
    expect((await a.api<Item>(`/adaptations/${p.id}/confirm`)).body).toMatchObject({ status: 'applied', changeId: null });
    const active = await h.json<Body<typeof Plan>>('/api/v1/plans/active', { cookie: a.cookie });
    expect(active.body.goal.eventDate).toBe(to);
    expect(active.body.id).not.toBe(a.plan.id);
    // A rebuild is not undone (the old plan is kept, cancelled), and the answer says so.
    const undo = await a.api<ErrorBody>(`/adaptations/${p.id}/undo`);
    expect(undo.status).toBe(409);
    expect(undo.body.error.message).toMatch(/rebuild is not undone/);
  });
});
