// The activity page's notes and intervals where the database and the runtime are the point: the notes
// API (the owner writes, anyone else gets 404, a linked coach reads shared notes only, bad input is
// 400), the AI coach's get_activity answering with note and RPE and a receipt (never a Strava row's),
// and an activity's intervals judged against the planned workout it completed.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, activityNotes, plannedWorkouts } from '../../db/schema';
import { addDays, todayIn } from '../../lib/dates';
import { actorFor, analyticsWorld } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import { expectErrorShape, Harness } from '../../testing/harness';
import { coachOrg, membershipOf } from '../../testing/scenarios';
import { groundingWorld } from '../ai-coach/grounding/grounding-testing';
import { answerDeterministically } from '../ai-coach/grounding/deterministic';
import { createCoachTools, runCoachTool } from '../ai-coach/grounding/tools';
import { createIntervalsService } from '../intervals';
import { generateSet } from '../intervals/intervals.testing';
import { createCompletedBy, createPlansService } from '../plans';
import { planRequest } from '../plans/control/plans-control.testing';
import { createActivityNotesService } from './activity-notes.service';
import type { ActivityNotes } from './activity-notes.schema';

const yesterday = () => addDays(todayIn('UTC', new Date()), -1);
const run = (overrides: Parameters<typeof buildActivity>[0]) =>
  buildActivity({ startTime: new Date(`${yesterday()}T07:00:00Z`), localStartDate: yesterday(), timezone: 'UTC', ...overrides });

describe('activity notes and feel', () => {
  it('the owner writes them; another athlete gets 404; bad input is 400; a linked coach reads them, never on a Strava activity', async () => {
    const h = Harness.init();
    const athlete = await h.signup({ displayName: 'Nora Notes' });
    const other = await h.signup();
    const w = analyticsWorld(h.db);
    const file = await w.activities.ingest(athlete.user.id, run({ source: 'fit_upload', name: 'Track session' }));
    const strava = await w.activities.ingest(athlete.user.id, run({ source: 'strava', name: 'Strava evening jog', externalId: 'sv-1' }));
    const path = (id: string) => `/api/v1/activities/${id}/notes`;

    const empty = await h.json<ActivityNotes>(path(file.id), { cookie: athlete.cookie });
    expect(empty.body).toEqual({ activityId: file.id, note: null, rpe: null, updatedAt: null, shownToOthers: true });

    const note = 'Legs heavy for two reps.\nThen smooth: last one the fastest.';
    const saved = await h.json<ActivityNotes>(path(file.id), { method: 'PATCH', cookie: athlete.cookie, body: { note, rpe: 8 } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ note, rpe: 8, updatedAt: expect.any(String) });
    // Only the fields sent change; an empty note clears it.
    await h.json(path(file.id), { method: 'PATCH', cookie: athlete.cookie, body: { rpe: 7 } });
    expect((await h.json<ActivityNotes>(path(file.id), { cookie: athlete.cookie })).body).toMatchObject({ note, rpe: 7 });
    await h.json(path(strava.id), { method: 'PATCH', cookie: athlete.cookie, body: { note: 'Strava-only thoughts', rpe: 3 } });
    expect((await h.json<ActivityNotes>(path(strava.id), { cookie: athlete.cookie })).body.shownToOthers).toBe(false);

    for (const body of [
      { rpe: 11 },
      { rpe: 0 },
      { rpe: 6.5 },
      { note: 'bad \u0000 byte' },
      { note: 'x'.repeat(4001) },
      {},
      { mood: 'great' },
    ]) {
      const bad = await h.json(path(file.id), { method: 'PATCH', cookie: athlete.cookie, body });
      expect(bad.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expectErrorShape(bad.body, 'VALIDATION');
    }
    for (const init of [{}, { method: 'PATCH', body: { rpe: 2 } }]) {
      const theirs = await h.json(path(file.id), { ...init, cookie: other.cookie });
      expect(theirs.status).toBe(404);
      expectErrorShape(theirs.body, 'NOT_FOUND');
    }
    expect((await h.json<ActivityNotes>(path(file.id), { cookie: athlete.cookie })).body.rpe).toBe(7);

    // The coach: nothing before the athlete agrees, then the file activity's note, never the Strava one's.
    const org = await coachOrg(h, { name: 'Notes Coaching' });
    const client = await org.addClient('Nora Client');
    const coachNotes = () =>
      org.api<{ notes: { activityId: string; note: string | null; rpe: number | null }[] }>(`/clients/${client.id}/activity-notes`);
    const early = await coachNotes();
    expect(early.status).toBe(404);
    expectErrorShape(early.body, 'NOT_FOUND');
    await org.linkAthlete(client.id, athlete);
    const shared = await coachNotes();
    expect(shared.status).toBe(200);
    expect(shared.body.notes).toEqual([expect.objectContaining({ activityId: file.id, note, rpe: 7, name: 'Track session' })]);
    expect(JSON.stringify(shared.body)).not.toContain('Strava-only thoughts');
    // A coach cannot write them: the route is the athlete's own.
    expect((await h.json(path(file.id), { method: 'PATCH', cookie: org.coach.cookie, body: { rpe: 1 } })).status).toBe(404);

    // The note goes with its activity.
    await h.db.delete(activities).where(eq(activities.id, strava.id));
    expect(await h.db.select().from(activityNotes).where(eq(activityNotes.activityId, strava.id))).toEqual([]);
  });

  it("the AI coach's get_activity answers with the note and RPE and their receipt, and never with a Strava activity's", async () => {
    const h = Harness.init();
    const g = await groundingWorld(h);
    const notes = createActivityNotesService({ db: h.db, clock: g.deps.clock });
    await notes.update(g.athlete.id, g.ids.get('r1')!, { note: 'Tempo felt controlled, negative split.', rpe: 6 });
    await notes.update(g.athlete.id, g.ids.get('s1')!, { note: 'Secret Strava feelings', rpe: 9 });
    const tools = createCoachTools(g.deps);

    const day = await runCoachTool(tools, g.ctx(), 'get_activity', { date: '2026-11-20' });
    if (!day.ok) throw new Error(day.error);
    const facts = day.result.facts.filter((f) => f.activityIds?.[0] === g.ids.get('r1'));
    expect(facts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: '2026-11-20 Tempo Ten: RPE the athlete gave (1–10)', value: 6 }),
        expect.objectContaining({ label: "2026-11-20 Tempo Ten: the athlete's own note", value: 'Tempo felt controlled, negative split.' }),
      ]),
    );
    expect(day.result.receipts).toEqual([
      expect.objectContaining({
        activityId: g.ids.get('r1'),
        values: expect.objectContaining({ rpe: 6, note: 'Tempo felt controlled, negative split.' }),
      }),
    ]);

    // Asked without a model ("What did I do…"), the answer quotes them too, from the same facts.
    const asked = await answerDeterministically(g.deps, g.ctx(), 'What did I do on 2026-11-20?');
    expect(asked!.text).toContain('you rated it RPE 6, your note: “Tempo felt controlled, negative split.”');

    const stravaDay = await runCoachTool(tools, g.ctx(), 'get_activity', { date: '2026-11-19' });
    if (!stravaDay.ok) throw new Error(stravaDay.error);
    expect(stravaDay.result.receipts).toEqual([]);
    expect(JSON.stringify(stravaDay.result)).not.toMatch(/Secret Strava feelings|"rpe":9/);
  });

  it("an activity's intervals: six reps found, each judged against the planned workout it completed; 404 for anyone else", async () => {
    const h = Harness.init();
    const now = new Date('2026-11-21T12:00:00Z');
    const today = '2026-11-21';
    const w = analyticsWorld(h.db, now);
    const clock = { now: () => now };
    const me = await h.signup();
    const a = { id: me.user.id, units: 'km' as const, timeZone: 'UTC', birthDate: null, sex: null, version: 0 };
    await w.trainingLoad.setThreshold(actorFor(a), 'km', { kind: 'threshold_pace', paceSeconds: 1000 / 4.5, effectiveFrom: '2026-01-01' });

    const plans = createPlansService({ db: h.db, clock, analytics: w.analytics, membership: membershipOf(h) });
    const plan = await plans.create(a, { ...planRequest(today), startDate: today });
    // Today's workout is a track session of 6 × 3 min (pace 1.05–1.12 of threshold), alone on the day.
    await h.db.delete(plannedWorkouts).where(and(eq(plannedWorkouts.planId, plan.id), eq(plannedWorkouts.date, today)));
    const steps = [
      { kind: 'warmup', durationSec: 900, distanceM: null, target: null },
      {
        kind: 'repeat',
        count: 6,
        steps: [
          { kind: 'work', durationSec: 180, distanceM: null, target: { metric: 'pace', zone: 5, low: 1.05, high: 1.12 } },
          { kind: 'recovery', durationSec: 90, distanceM: null, target: null },
        ],
      },
      { kind: 'cooldown', durationSec: 600, distanceM: null, target: null },
    ];
    const [workout] = await h.db
      .insert(plannedWorkouts)
      .values({
        planId: plan.id,
        userId: a.id,
        date: today,
        week: 1,
        phase: 'base',
        sport: 'run',
        type: 'intervals',
        title: 'Track: 6 × 3 min',
        description: '',
        durationSec: 900 + 6 * 180 + 5 * 90 + 600,
        distanceM: null,
        targetLoad: 70,
        intensity: null,
        steps,
        why: 'test',
      })
      .returning();

    const { streams } = generateSet(
      {
        sport: 'run',
        reps: 6,
        rep: { seconds: 180 },
        recoveryS: 90,
        standing: false,
        warmupS: 900,
        cooldownS: 600,
        workLevel: 4.9,
        easyShare: 0.55,
        noise: 0.04,
        stops: 1,
        maxStep: 1,
      },
      7,
    );
    const seconds = streams.t.at(-1)!;
    const distanceM = streams.speedCms!.reduce((s, v) => s + v / 100, 0);
    const activity = await w.activities.ingest(
      a.id,
      buildActivity({
        source: 'fit_upload',
        startTime: new Date(`${today}T07:00:00Z`),
        localStartDate: today,
        timezone: 'UTC',
        movingTimeS: seconds,
        elapsedTimeS: seconds,
        distanceM,
        streams,
        detailComplete: true,
      }),
    );

    const intervals = createIntervalsService({ db: h.db, analytics: w.analytics, completedBy: createCompletedBy({ db: h.db, clock }) });
    const x = await intervals.forActivity(a, activity.id);
    expect(x.detection?.reps).toBe(6);
    expect(x.workout).toMatchObject({ id: workout!.id, planId: plan.id, date: today, status: 'completed', compliance: { band: 'green' } });
    expect(x.planVsDone?.found).toBe(6);
    const third = x.planVsDone!.reps[2]!;
    expect(third.planned.range).toMatchObject({ metric: 'pace' });
    expect(third.planned.range!.low).toBeCloseTo(1.05 * 4.5, 2);
    expect(third.target?.verdict).toBe('within');
    expect(third.band).toBe('green');
    expect(x.planVsDone?.band).toBe('green');

    // Through the API: the owner's page data; anyone else's id is not found.
    const mine = await h.json<{ detection: { reps: number } | null }>(`/api/v1/activities/${activity.id}/intervals`, { cookie: me.cookie });
    expect(mine.status).toBe(200);
    expect(mine.body.detection?.reps).toBe(6);
    const stranger = await h.signup();
    const theirs = await h.json(`/api/v1/activities/${activity.id}/intervals`, { cookie: stranger.cookie });
    expect(theirs.status).toBe(404);
    expectErrorShape(theirs.body, 'NOT_FOUND');
  });
});
