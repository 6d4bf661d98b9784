// A coach authoring a client's training (ADR 058) over HTTP: the org's library, adding and deleting on a consenting
// client's plan (no grant 403, another org or a revoked link 404), templates put on clients from a Monday (dates
// shifted, once per template/client/start), and the undo ownership rule.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { coachOrg, giveTier } from '../../../testing/scenarios';
import { LIBRARY_WORKOUT } from '../../library/library.fuzz.testing';
import { athleteWithPlan, type ChangeBody } from '../../library/library.testing';
import type { ApplyResult, LibraryWorkout } from '../../library/library.schema';

type Lib = Body<typeof LibraryWorkout>;

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
