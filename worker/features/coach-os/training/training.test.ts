// Libraries and authoring (ADR 058) over HTTP: the athlete's library and "Add to calendar", the org's library,
// a coach adding and deleting on a consenting client's plan (tenancy: no grant 403, another org or a revoked
// link 404), templates put on clients from a Monday (dates shifted, once per template/client/start), and the
// undo ownership rule.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { coachOrg, giveTier } from '../../../testing/scenarios';
import { LIBRARY_WORKOUT } from '../../library/library.fuzz.testing';
import type { ApplyResult, LibraryWorkout } from '../../library/library.schema';
import type { Change, Plan, PlannedWorkout } from '../../plans/plans.schema';

type Lib = Body<typeof LibraryWorkout>;
type ChangeBody = Body<typeof Change>;
type Workout = Body<typeof PlannedWorkout>;

const planRequest = (startDate: string) => ({
  goal: { kind: 'run_10k', eventDate: addDays(startDate, 70), eventName: 'River 10K' },
  startDate,
  availableDays: [0, 1, 2, 3, 4, 5, 6],
  longDay: 6,
  hoursPerWeek: 5,
  includeStrength: false,
});

async function athleteWithPlan(h: Harness, name = 'Casey Runner') {
  const athlete = await h.signup({ displayName: name });
  const today = todayIn('UTC', new Date());
  const plan = await h.json<Body<typeof Plan>>('/api/v1/plans', { body: planRequest(today), cookie: athlete.cookie });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  const calendar = async (from: string, to: string) =>
    (await h.json<{ workouts: Workout[] }>(`/api/v1/plans/${plan.body.id}/calendar?from=${from}&to=${to}`, { cookie: athlete.cookie })).body
      .workouts;
  const changes = async () =>
    (await h.json<{ changes: ChangeBody[] }>(`/api/v1/plans/${plan.body.id}/changes`, { cookie: athlete.cookie })).body.changes;
  return { athlete, plan: plan.body, today, calendar, changes };
}

describe('the athlete’s library', () => {
  it('creates, searches by title, tag and sport, edits, duplicates and deletes; another athlete’s is 404', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const b = await h.signup();
    const lib = (path: string, init: Parameters<Harness['json']>[1] = {}, who = a) =>
      h.json<Lib & ErrorBody>(`/api/v1/library${path}`, { ...init, cookie: who.cookie });
    const made = await lib('/workouts', { body: LIBRARY_WORKOUT });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ title: 'Fuzz 3 × 10 min threshold', tags: ['threshold'], durationSec: 3000, folder: null });
    expect(made.body.steps).toHaveLength(3);
    const easy = await lib('/workouts', {
      body: { sport: 'bike', type: 'easy', title: 'Easy spin', durationSec: 3600, tags: ['Recovery'], folder: 'Base' },
    });
    expect(easy.status).toBe(201);
    expect(easy.body.tags).toEqual(['recovery']);

    const titles = async (q: string) =>
      (await h.json<{ workouts: Lib[] }>(`/api/v1/library/workouts${q}`, { cookie: a.cookie })).body.workouts.map((w) => w.title);
    expect(await titles('')).toEqual(['Easy spin', 'Fuzz 3 × 10 min threshold']);
    expect(await titles('?q=THRESHOLD')).toEqual(['Fuzz 3 × 10 min threshold']);
    expect(await titles('?q=%25')).toEqual([]);
    expect(await titles('?tag=recovery')).toEqual(['Easy spin']);
    expect(await titles('?sport=run')).toEqual(['Fuzz 3 × 10 min threshold']);
    expect(await titles('?folder=Base')).toEqual(['Easy spin']);

    // Steps are workout control's: a distance-measured step is refused at the door.
    const bad = await lib('/workouts', {
      body: { ...LIBRARY_WORKOUT, steps: [{ kind: 'work', durationSec: null, distanceM: 1000, target: null }] },
    });
    expect(bad.status).toBe(400);

    const patched = await lib(`/workouts/${easy.body.id}`, { method: 'PATCH', body: { title: 'Easy spin 60' } });
    expect(patched.status).toBe(200);
    expect(patched.body.title).toBe('Easy spin 60');
    expect((await lib(`/workouts/${easy.body.id}`, { method: 'PATCH', body: {} })).status).toBe(400);
    const copy = await lib(`/workouts/${easy.body.id}/duplicate`, { method: 'POST' });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ title: 'Easy spin 60 (copy)', folder: 'Base', tags: ['recovery'] });

    // Another athlete: not found, whatever they try; their own list is empty.
    for (const r of [
      await lib(`/workouts/${easy.body.id}`, { method: 'PATCH', body: { title: 'Mine' } }, b),
      await lib(`/workouts/${easy.body.id}/duplicate`, { method: 'POST' }, b),
      await lib(`/workouts/${easy.body.id}`, { method: 'DELETE' }, b),
      await lib(`/workouts/${easy.body.id}/schedule`, { body: { date: '2026-12-10' } }, b),
    ]) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    expect((await h.json<{ workouts: Lib[] }>('/api/v1/library/workouts', { cookie: b.cookie })).body.workouts).toEqual([]);

    expect((await lib(`/workouts/${copy.body.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await lib(`/workouts/${copy.body.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await h.json('/api/v1/library/workouts')).status).toBe(401);
  });

  it('"Add to calendar" is workout control’s add (history, undo); "Save to library" takes a planned workout without its day', async () => {
    const h = Harness.init();
    const p = await athleteWithPlan(h);
    await giveTier(h, p.athlete.user.id, 'pro');
    const made = await h.json<Lib>('/api/v1/library/workouts', { body: LIBRARY_WORKOUT, cookie: p.athlete.cookie });
    const day = addDays(p.today, 3);
    const added = await h.json<ChangeBody>(`/api/v1/library/workouts/${made.body.id}/schedule`, {
      body: { date: day, reason: 'Key session' },
      cookie: p.athlete.cookie,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({ action: 'add', source: 'athlete', reason: 'Key session' });
    const onDay = (await p.calendar(day, day)).filter((w) => w.title === LIBRARY_WORKOUT.title);
    expect(onDay).toHaveLength(1);
    expect(onDay[0]!.durationSec).toBe(3000);
    expect((await p.changes())[0]!.id).toBe(added.body.id);
    const undo = await h.json(`/api/v1/plans/${p.plan.id}/changes/${added.body.id}/undo`, { method: 'POST', cookie: p.athlete.cookie });
    expect(undo.status).toBe(200);
    expect((await p.calendar(day, day)).filter((w) => w.title === LIBRARY_WORKOUT.title)).toEqual([]);
    // Outside the plan: refused by workout control, naming the field.
    const outside = await h.json<ErrorBody>(`/api/v1/library/workouts/${made.body.id}/schedule`, {
      body: { date: addDays(p.today, -3) },
      cookie: p.athlete.cookie,
    });
    expect(outside.status).toBe(400);

    const planned = (await p.calendar(p.today, addDays(p.today, 6))).find((w) => w.sport !== 'rest')!;
    const saved = await h.json<Lib>('/api/v1/library/workouts/from-planned', {
      body: { planId: p.plan.id, workoutId: planned.id, tags: ['from-plan'] },
      cookie: p.athlete.cookie,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ title: planned.title, sport: planned.sport, durationSec: planned.durationSec, tags: ['from-plan'] });
    const other = await h.signup();
    const theirs = await h.json('/api/v1/library/workouts/from-planned', {
      body: { planId: p.plan.id, workoutId: planned.id },
      cookie: other.cookie,
    });
    expect(theirs.status).toBe(404);
  });
});

/** A Team org, a client linked to an athlete with a plan from today, and the athlete's grant. */
async function coached(h: Harness, orgName = 'Summit Coaching') {
  const w = await coachOrg(h, { name: orgName, plan: 'team' });
  const client = await w.addClient('Casey Client');
  const p = await athleteWithPlan(h);
  const link = await w.linkAthlete(client.id, p.athlete);
  const grant = (on: boolean) =>
    h.json(`/api/v1/me/coach-links/${link.id}/plan-edit`, { method: on ? 'PUT' : 'DELETE', cookie: p.athlete.cookie });
  return { w, client, link, grant, ...p };
}

describe('a coach authoring a client’s training', () => {
  it('adds a library workout and deletes one, logged as the coach’s; no grant 403, another org or a revoked link 404', async () => {
    const h = Harness.init();
    const c = await coached(h);
    const lib = await c.w.api<Lib>('/library/workouts', { body: LIBRARY_WORKOUT });
    expect(lib.status, JSON.stringify(lib.body)).toBe(201);
    const day = addDays(c.today, 2);
    const add = (body: unknown) => c.w.api<ChangeBody & ErrorBody>(`/clients/${c.client.id}/plan/workouts`, { body });

    const refused = await add({ libraryWorkoutId: lib.body.id, date: day });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ reason: 'PLAN_EDIT_NOT_GRANTED' });

    await c.grant(true);
    const added = await add({ libraryWorkoutId: lib.body.id, date: day, reason: 'Threshold block' });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({ action: 'add', source: 'coach', actor: { id: c.w.coach.id, role: 'coach' } });
    const written = await add({ date: day, sport: 'run', type: 'easy', title: 'Shakeout', durationSec: 1800 });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    const ours = (await c.calendar(day, day)).filter((w) => w.title === LIBRARY_WORKOUT.title);
    expect(ours).toHaveLength(1);
    const del = await c.w.api<ChangeBody>(`/clients/${c.client.id}/plan/workouts/${ours[0]!.id}`, { method: 'DELETE', body: {} });
    expect(del.status, JSON.stringify(del.body)).toBe(200);
    expect(del.body).toMatchObject({ action: 'delete', source: 'coach' });
    expect((await c.changes()).map((x) => [x.action, x.source, x.actor?.role])).toEqual([
      ['delete', 'coach', 'coach'],
      ['add', 'coach', 'coach'],
      ['add', 'coach', 'coach'],
    ]);

    // Another org's coach: the client, the library workout and the template are simply not found.
    const other = await coachOrg(h, { name: 'Other Coaching', plan: 'team' });
    for (const r of [
      await other.api<ErrorBody>(`/clients/${c.client.id}/plan/workouts`, { body: { libraryWorkoutId: lib.body.id, date: day } }),
      await other.api<ErrorBody>(`/clients/${c.client.id}/plan/workouts/${ours[0]!.id}`, { method: 'DELETE', body: {} }),
      await other.api<ErrorBody>(`/library/workouts/${lib.body.id}`, { method: 'PATCH', body: { title: 'Mine' } }),
      await other.api<ErrorBody>(`/library/workouts/${lib.body.id}/duplicate`, { method: 'POST' }),
      await other.api<ErrorBody>(`/library/workouts/${lib.body.id}`, { method: 'DELETE' }),
    ]) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    // A library workout of another org cannot be put on this org's client either.
    const foreign = await other.api<Lib>('/library/workouts', { body: LIBRARY_WORKOUT });
    expect((await add({ libraryWorkoutId: foreign.body.id, date: day })).status).toBe(404);

    // Revoked: 404 for every change.
    expect((await h.json(`/api/v1/me/coach-links/${c.link.id}/revoke`, { method: 'POST', cookie: c.athlete.cookie })).status).toBe(200);
    for (const r of [
      await add({ libraryWorkoutId: lib.body.id, date: day }),
      await c.w.api<ErrorBody>(`/clients/${c.client.id}/plan/workouts/${ours[0]!.id}`, { method: 'DELETE', body: {} }),
    ]) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
  });

  it('undo ownership: the athlete undoes a coach’s change on their own plan; another athlete’s plan is 404', async () => {
    const h = Harness.init();
    const c = await coached(h);
    await c.grant(true);
    const lib = await c.w.api<Lib>('/library/workouts', { body: LIBRARY_WORKOUT });
    const added = await c.w.api<ChangeBody>(`/clients/${c.client.id}/plan/workouts`, {
      body: { libraryWorkoutId: lib.body.id, date: addDays(c.today, 2) },
    });
    expect(added.status).toBe(200);
    const stranger = await h.signup();
    await giveTier(h, stranger.user.id, 'pro');
    const theirs = await h.json<ErrorBody>(`/api/v1/plans/${c.plan.id}/changes/${added.body.id}/undo`, {
      method: 'POST',
      cookie: stranger.cookie,
    });
    expect(theirs.status).toBe(404);
    expectErrorShape(theirs.body, 'NOT_FOUND');
    // The owner undoes the coach's add (a Free athlete: an undo of an add is charged as an edit, Pro).
    await giveTier(h, c.athlete.user.id, 'pro');
    const own = await h.json<ChangeBody>(`/api/v1/plans/${c.plan.id}/changes/${added.body.id}/undo`, {
      method: 'POST',
      cookie: c.athlete.cookie,
    });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body).toMatchObject({ action: 'undo', source: 'athlete', actor: { id: c.athlete.user.id } });
  });
});

describe('plan templates', () => {
  it('week 1 Thursday from Mon 2026-12-07 lands on 2026-12-10; applying again changes nothing; each client answers for itself', async () => {
    const h = Harness.init();
    const c = await coached(h);
    await c.grant(true);
    const lib = await c.w.api<Lib>('/library/workouts', { body: LIBRARY_WORKOUT });
    const easy = await c.w.api<Lib>('/library/workouts', {
      body: { sport: 'run', type: 'easy', title: 'Template easy', durationSec: 2400 },
    });
    const t = await c.w.api<{ id: string; items: { title: string }[] }>('/templates', {
      body: {
        name: 'Threshold block',
        weeks: 2,
        items: [
          { week: 1, weekday: 3, libraryWorkoutId: lib.body.id },
          { week: 2, weekday: 6, libraryWorkoutId: easy.body.id },
        ],
      },
    });
    expect(t.status, JSON.stringify(t.body)).toBe(201);
    expect(t.body.items.map((i) => i.title)).toEqual([LIBRARY_WORKOUT.title, 'Template easy']);
    expect((await c.w.api<{ templates: { id: string }[] }>('/templates')).body.templates.map((x) => x.id)).toEqual([t.body.id]);

    const unlinked = await c.w.addClient('No Link');
    const apply = () =>
      c.w.api<Body<typeof ApplyResult>>(`/templates/${t.body.id}/apply`, {
        body: {
          clients: [
            { clientId: c.client.id, startDate: '2026-12-07' },
            { clientId: unlinked.id, startDate: '2026-12-07' },
            { clientId: c.client.id, startDate: '2026-12-08' },
          ],
        },
      });
    const first = await apply();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.results.map((r) => [r.status, r.error?.code])).toEqual([
      ['applied', undefined],
      ['failed', 'NOT_FOUND'],
      ['failed', 'VALIDATION'],
    ]);
    expect(first.body.results[0]!.workouts).toBe(2);
    const thursday = (await c.calendar('2026-12-10', '2026-12-10')).filter((w) => w.title === LIBRARY_WORKOUT.title);
    expect(thursday).toHaveLength(1);
    // Week 2, Sunday: 2026-12-07 + 7 + 6.
    expect((await c.calendar('2026-12-20', '2026-12-20')).filter((w) => w.title === 'Template easy')).toHaveLength(1);
    const history = await c.changes();
    expect(history[0]).toMatchObject({ action: 'template', source: 'coach', id: first.body.results[0]!.changeId });

    const again = await apply();
    expect(again.body.results[0]).toMatchObject({ status: 'already_applied', workouts: 2, changeId: first.body.results[0]!.changeId });
    expect((await c.calendar('2026-12-07', '2026-12-20')).filter((w) => w.title === LIBRARY_WORKOUT.title)).toHaveLength(1);
    expect((await c.changes()).length).toBe(history.length);

    // One undo removes the block.
    const undo = await c.w.api(`/clients/${c.client.id}/plan/changes/${first.body.results[0]!.changeId}/undo`, { method: 'POST' });
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect((await c.calendar('2026-12-07', '2026-12-20')).filter((w) => w.title === LIBRARY_WORKOUT.title)).toEqual([]);

    // Another org: the template is not found, and its own template cannot reach this org's client; more than 50 clients is refused.
    const other = await coachOrg(h, { name: 'Other Coaching', plan: 'team' });
    const theirLib = await other.api<Lib>('/library/workouts', { body: LIBRARY_WORKOUT });
    const theirs = await other.api<{ id: string }>('/templates', {
      body: { name: 'Theirs', weeks: 1, items: [{ week: 1, weekday: 0, libraryWorkoutId: theirLib.body.id }] },
    });
    const reached = await other.api<Body<typeof ApplyResult>>(`/templates/${theirs.body.id}/apply`, {
      body: { clients: [{ clientId: c.client.id, startDate: '2026-12-14' }] },
    });
    expect(reached.body.results.map((r) => [r.status, r.error?.code])).toEqual([['failed', 'NOT_FOUND']]);
    expect(
      (await other.api(`/templates/${t.body.id}/apply`, { body: { clients: [{ clientId: c.client.id, startDate: '2026-12-07' }] } }))
        .status,
    ).toBe(404);
    const many = Array.from({ length: 51 }, () => ({ clientId: c.client.id, startDate: '2026-12-07' }));
    expect((await c.w.api(`/templates/${t.body.id}/apply`, { body: { clients: many } })).status).toBe(400);
    // A template naming another org's library workout is refused as not found.
    expect(
      (
        await other.api('/templates', {
          body: { name: 'Theirs', weeks: 1, items: [{ week: 1, weekday: 0, libraryWorkoutId: lib.body.id }] },
        })
      ).status,
    ).toBe(404);
  });
});
