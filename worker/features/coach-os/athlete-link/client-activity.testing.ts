// A linked client's training for the coach's activity page tests: a track session from a watch (streams with a
// route) that completed today's planned 6 × 3 min, with a note and RPE; a manual entry without streams; a Strava
// activity the policy keeps from coaches; and the org's client linked to the athlete.
import { and, eq } from 'drizzle-orm';
import { plannedWorkouts } from '../../../db/schema';
import type { ActivityStreams } from '../../../db/schema/activity-columns';
import { addDays, todayIn } from '../../../lib/dates';
import { actorFor, analyticsWorld } from '../../../testing/analytics';
import { buildActivity } from '../../../testing/factories/activity';
import type { Harness } from '../../../testing/harness';
import { coachOrg, membershipOf } from '../../../testing/scenarios';
import { generateSet } from '../../intervals/intervals.testing';
import { createPlansService } from '../../plans';
import { planRequest } from '../../plans/control/plans-control.testing';

const DAY = 86_400_000;

/** Positions around a 400 m track (millionths of a degree, delta-coded as the importer keeps them). */
function trackRoute(n: number): Pick<ActivityStreams, 'latE6Delta' | 'lngE6Delta'> {
  const lat: number[] = [];
  const lng: number[] = [];
  let pLat = 0;
  let pLng = 0;
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / 90;
    const la = Math.round(52_520_000 + 600 * Math.sin(a));
    const lo = Math.round(13_405_000 + 1_000 * Math.cos(a));
    lat.push(la - pLat);
    lng.push(lo - pLng);
    pLat = la;
    pLng = lo;
  }
  return { latE6Delta: lat, lngE6Delta: lng };
}

export async function clientActivityWorld(h: Harness) {
  const now = new Date();
  const today = todayIn('UTC', now);
  const athlete = await h.signup({ displayName: 'Tia Track' });
  const a = { id: athlete.user.id, units: 'km' as const, timeZone: 'UTC', birthDate: null, sex: null, version: 0 };
  const w = analyticsWorld(h.db, now);
  await w.trainingLoad.setThreshold(actorFor(a), 'km', { kind: 'threshold_pace', paceSeconds: 1000 / 4.5, effectiveFrom: '2024-01-01' });

  // Today's workout: 6 × 3 min at 1.05–1.12 of threshold pace, alone on the day.
  const plans = createPlansService({ db: h.db, clock: w.clock, analytics: w.analytics, membership: membershipOf(h) });
  const plan = await plans.create(a, { ...planRequest(today), startDate: today });
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

  const set = { sport: 'run', reps: 6, rep: { seconds: 180 }, recoveryS: 90, standing: false, warmupS: 900, cooldownS: 600 } as const;
  const { streams } = generateSet({ ...set, workLevel: 4.9, easyShare: 0.55, noise: 0.04, stops: 1, maxStep: 1 }, 7);
  const seconds = streams.t.at(-1)!;
  // Finished a few minutes ago, or (just after midnight) started a minute into the day: today either way.
  const start = new Date(Math.max(Date.parse(`${today}T00:01:00Z`), now.getTime() - (seconds + 300) * 1000));
  const at = (d: Date, fields: Parameters<typeof buildActivity>[0]) =>
    buildActivity({ startTime: d, localStartDate: todayIn('UTC', d), timezone: 'UTC', ...fields });
  const track = await w.activities.ingest(
    a.id,
    at(start, {
      source: 'fit_upload',
      name: 'Track session',
      movingTimeS: seconds,
      elapsedTimeS: seconds,
      distanceM: streams.speedCms!.reduce((s, v) => s + v / 100, 0),
      streams: { ...streams, ...trackRoute(streams.t.length) },
      detailComplete: true,
    }),
  );
  const yesterday = new Date(Date.parse(`${addDays(today, -1)}T07:00:00Z`));
  const manual = await w.activities.ingest(
    a.id,
    at(yesterday, { source: 'manual', name: 'Easy jog by feel', distanceM: 6000, movingTimeS: 2100, elapsedTimeS: 2100 }),
  );
  const strava = await w.activities.ingest(
    a.id,
    at(new Date(yesterday.getTime() - DAY), { source: 'strava', name: 'Strava-only long run', externalId: `sv-${crypto.randomUUID()}` }),
  );
  const notes = await h.json(`/api/v1/activities/${track.id}/notes`, {
    method: 'PATCH',
    cookie: athlete.cookie,
    body: { note: 'Reps 4–6 felt <b>smooth</b>.', rpe: 8 },
  });
  if (notes.status !== 200) throw new Error(`notes: ${JSON.stringify(notes.body)}`);

  const org = await coachOrg(h, { name: 'Track Coaching' });
  const client = await org.addClient('Tia Client');
  await org.linkAthlete(client.id, athlete);
  return { h, athlete, org, client, workout: workout!, ids: { track: track.id, manual: manual.id, strava: strava.id } };
}
