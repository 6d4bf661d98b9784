// A coach's structured workouts (ADR 055, 058, 060) over HTTP: written as text into the org library, put on a
// consenting client's plan with its step tree, then edited and moved there (no grant 403, another org or a
// revoked link 404), in a template too; a client without an active plan is refused with the way forward.
import { describe, expect, it } from 'vitest';
import { addDays, mondayOf } from '../../../lib/dates';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import { athleteWithPlan, type ChangeBody } from '../../library/library.testing';
import type { ApplyResult, LibraryWorkout } from '../../library/library.schema';
import { THRESHOLD_TEXT, THRESHOLD_WORKOUT } from './training.testing';

type Lib = Body<typeof LibraryWorkout>;
type Node = { kind: string; count?: number; durationSec?: number | null; steps?: Node[] };

async function coached(h: Harness) {
  const w = await coachOrg(h, { name: 'Summit Coaching', plan: 'team' });
  const client = await w.addClient('Casey Client');
  const p = await athleteWithPlan(h);
  const link = await w.linkAthlete(client.id, p.athlete);
  const grant = (on: boolean) =>
    h.json(`/api/v1/me/coach-links/${link.id}/plan-edit`, { method: on ? 'PUT' : 'DELETE', cookie: p.athlete.cookie });
  return { w, client, link, grant, ...p };
}

const repeatOf = (steps: Node[]) => steps.find((n) => n.kind === 'repeat');

describe('a coach’s structured workouts', () => {
  it('saves text to the library as a step tree, adds it to a client, edits and moves it there; 403 without the grant, 404 for another org or a revoked link', async () => {
    const h = Harness.init();
    const c = await coached(h);
    const lib = await c.w.api<Lib>('/library/workouts', { body: { ...THRESHOLD_WORKOUT, tags: ['threshold'], folder: 'Run' } });
    expect(lib.status, JSON.stringify(lib.body)).toBe(201);
    // 10 + 3 × (10 + 3) + 10 minutes, the repeat kept as a repeat.
    expect(lib.body.durationSec).toBe(59 * 60);
    expect(repeatOf(lib.body.steps as Node[])).toMatchObject({ kind: 'repeat', count: 3 });
    const bad = await c.w.api<ErrorBody>('/library/workouts', { body: { ...THRESHOLD_WORKOUT, text: '3x 10q' } });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 'VALIDATION');

    // Editing the library workout's text rewrites its steps and time.
    const edited = await c.w.api<Lib>(`/library/workouts/${lib.body.id}`, { method: 'PATCH', body: { text: '3x 10m 95-105% 3m Z1' } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.durationSec).toBe(39 * 60);
    await c.w.api(`/library/workouts/${lib.body.id}`, { method: 'PATCH', body: { text: THRESHOLD_TEXT } });

    await c.grant(true);
    const day = addDays(c.today, 2);
    const added = await c.w.api<ChangeBody>(`/clients/${c.client.id}/plan/workouts`, {
      body: { libraryWorkoutId: lib.body.id, date: day },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const [ours] = (await c.calendar(day, day)).filter((w) => w.title === THRESHOLD_WORKOUT.title);
    expect(ours!.durationSec).toBe(59 * 60);
    expect(repeatOf(ours!.steps as Node[])).toMatchObject({ count: 3 });

    const base = `/clients/${c.client.id}/plan/workouts/${ours!.id}`;
    const edit = (body: unknown) => c.w.api<ChangeBody & ErrorBody>(base, { method: 'PATCH', body });
    const move = (date: string) => c.w.api<ChangeBody & ErrorBody>(`${base}/move`, { body: { date } });
    const e = await edit({ title: '4 × 10 min threshold', text: '- warmup 10m Z1\n4x 10m 95-105% 3m Z1\n- cooldown 10m Z1' });
    expect(e.status, JSON.stringify(e.body)).toBe(200);
    expect(e.body).toMatchObject({ action: 'edit', source: 'coach', actor: { role: 'coach' } });
    const m = await move(addDays(day, 1));
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    const [moved] = (await c.calendar(addDays(day, 1), addDays(day, 1))).filter((w) => w.id === ours!.id);
    expect(moved).toMatchObject({ title: '4 × 10 min threshold', durationSec: 72 * 60 });
    expect(repeatOf(moved!.steps as Node[])).toMatchObject({ count: 4 });

    // Grant withdrawn: 403 with its reason, nothing changes.
    await c.grant(false);
    for (const r of [await edit({ title: 'Nope' }), await move(day)]) {
      expect(r.status).toBe(403);
      expect(r.body.error).toMatchObject({ reason: 'PLAN_EDIT_NOT_GRANTED' });
    }
    // Another org's coach: not found, granted or not.
    await c.grant(true);
    const other = await coachOrg(h, { name: 'Other Coaching', plan: 'team' });
    for (const r of [
      await other.api<ErrorBody>(base, { method: 'PATCH', body: { title: 'Mine' } }),
      await other.api<ErrorBody>(`${base}/move`, { body: { date: day } }),
    ]) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    // Revoked: not found.
    expect((await h.json(`/api/v1/me/coach-links/${c.link.id}/revoke`, { method: 'POST', cookie: c.athlete.cookie })).status).toBe(200);
    for (const r of [await edit({ title: 'Nope' }), await move(day)]) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    const [still] = (await c.calendar(addDays(day, 1), addDays(day, 1))).filter((w) => w.id === ours!.id);
    expect(still!.title).toBe('4 × 10 min threshold');
  });

  it('a template of structured workouts lands with its trees; a client without an active plan is refused with the way forward', async () => {
    const h = Harness.init();
    const c = await coached(h);
    await c.grant(true);
    const lib = await c.w.api<Lib>('/library/workouts', { body: THRESHOLD_WORKOUT });
    const t = await c.w.api<{ id: string }>('/templates', {
      body: { name: 'Threshold weeks', weeks: 2, items: [1, 2].map((week) => ({ week, weekday: 3, libraryWorkoutId: lib.body.id })) },
    });
    expect(t.status, JSON.stringify(t.body)).toBe(201);

    // A linked, granting athlete with no plan.
    const lone = await h.signup({ displayName: 'Lee Noplan' });
    const loneClient = await c.w.addClient('Lee Noplan');
    const loneLink = await c.w.linkAthlete(loneClient.id, lone);
    await h.json(`/api/v1/me/coach-links/${loneLink.id}/plan-edit`, { method: 'PUT', cookie: lone.cookie });

    const start = addDays(mondayOf(c.today), 7);
    const r = await c.w.api<Body<typeof ApplyResult>>(`/templates/${t.body.id}/apply`, {
      body: {
        clients: [
          { clientId: c.client.id, startDate: start },
          { clientId: loneClient.id, startDate: start },
        ],
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.results.map((x) => [x.status, x.error?.reason])).toEqual([
      ['applied', undefined],
      ['failed', 'NO_ACTIVE_PLAN'],
    ]);
    expect(r.body.results[1]!.error!.message).toMatch(/no active training plan.*Build your plan/);
    const thursdays = (await c.calendar(addDays(start, 3), addDays(start, 10))).filter((w) => w.title === THRESHOLD_WORKOUT.title);
    expect(thursdays.map((w) => [w.date, repeatOf(w.steps as Node[])?.count])).toEqual([
      [addDays(start, 3), 3],
      [addDays(start, 10), 3],
    ]);
    // The single add says the same.
    const one = await c.w.api<ErrorBody>(`/clients/${loneClient.id}/plan/workouts`, {
      body: { libraryWorkoutId: lib.body.id, date: start },
    });
    expect(one.status).toBe(409);
    expect(one.body.error).toMatchObject({ code: 'CONFLICT', reason: 'NO_ACTIVE_PLAN' });
  });
});
