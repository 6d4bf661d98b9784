// The athlete's workout library (ADR 058) over HTTP: create, search, edit, duplicate, delete, and "Add to
// calendar" / "Save to library" through workout control.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import type { Body, ErrorBody } from '../../testing/bodies';
import { Harness, expectErrorShape } from '../../testing/harness';
import { giveTier } from '../../testing/scenarios';
import { LIBRARY_WORKOUT } from './library.fuzz.testing';
import { athleteWithPlan, type ChangeBody } from './library.testing';
import type { LibraryWorkout } from './library.schema';

type Lib = Body<typeof LibraryWorkout>;

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

  it('a repeat tree is bounded as a whole as flat steps are (issue 55): 12 h and a load of 1,000, a 400 naming it, never a 500', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const create = (body: object) =>
      h.json<Lib & ErrorBody>('/api/v1/library/workouts', {
        cookie: a.cookie,
        body: { sport: 'bike', type: 'easy', title: 'Long', ...body },
      });
    const cases: [object, string, string][] = [
      [{ text: '99x\n  - 24h Z1' }, 'text', 'The steps add up to more than 12 hours'],
      // 99³ hours: an integer column's overflow (a 500) before.
      [{ text: '99x\n  99x\n    99x\n      - 1h Z1' }, 'text', 'The steps add up to more than 12 hours'],
      [
        {
          workout: {
            steps: [{ kind: 'repeat', count: 99, steps: [{ kind: 'work', durationSec: 86_400, distanceM: null, target: null }] }],
          },
        },
        'workout.steps',
        'The steps add up to more than 12 hours',
      ],
      [{ text: '- 12h 300%' }, 'text', 'The steps add up to a planned load over 1,000'],
    ];
    for (const [body, path, message] of cases) {
      const r = await create(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
      expect(r.body.error.message).toBe(message);
      expect(r.body.error.fields?.[0]?.path).toBe(path);
    }
    // Twelve hours exactly is a workout, as twelve hours of flat steps are.
    const ok = await create({ text: '12x\n  - 1h Z1' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ durationSec: 43_200 });
    expect((await h.json<{ workouts: Lib[] }>('/api/v1/library/workouts', { cookie: a.cookie })).body.workouts).toHaveLength(1);
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
