// What the MCP probe's twins have beside their activities (data-policy.mcp.testing.ts): the same plan, library, race
// and a segment on a road both rode twice from files; the twin with Strava's API rows rode it a third time on a Strava
// API copy, fastest of all, so a tool that counted that effort would show its time, another PR or other ranks.
import { eq } from 'drizzle-orm';
import { segments } from '../../../db/schema';
import { addDays } from '../../../lib/dates';
import type { Harness } from '../../../testing/harness';
import { giveTier } from '../../../testing/scenarios';
import { effort, ride } from '../../maps/segments/segments.testing';

/** The Strava API copy's effort on the segment, seconds: faster than both uploads' (250, 230). */
export const STRAVA_EFFORT_S = 203;

/** The ids a tool's input may name, by the kind its field name says (`segment_id` → segment; `id` → activity). */
export type Kind = 'activity' | 'segment' | 'race' | 'workout' | 'plan';
export type IdsByKind = Record<Kind, string[]>;

const LIBRARY = [
  {
    sport: 'bike',
    type: 'intervals',
    title: 'Bike 3 × 8 min',
    workout: {
      steps: [
        { kind: 'warmup', durationSec: 600, distanceM: null, target: { metric: 'power', low: 0.55, high: 0.65 } },
        {
          kind: 'repeat',
          count: 3,
          steps: [
            { kind: 'work', durationSec: 480, distanceM: null, target: { metric: 'power', low: 0.9, high: 0.95 } },
            { kind: 'recovery', durationSec: 120, distanceM: null, target: { metric: 'hr', unit: 'bpm', low: 115, high: 125 } },
          ],
        },
      ],
    },
  },
  { sport: 'run', type: 'easy', title: 'Easy 50', durationSec: 3000, targetLoad: 42 },
];

/**
 * Gives an athlete (Pro, for the plan) the GPS rides over the road — from files, and `strava` ones too for the twin
 * with Strava's API rows — the segment on it with an effort per ride, the plan, the library and a 10K. Rides at
 * 07:00 UTC, `firstDaysAgo` days back and older, so no upload-only figure depends on the hour the test runs.
 */
export async function trainingWorld(
  h: Harness,
  me: { user: { id: string }; cookie: string },
  today: string,
  rides: { source: 'gpx_upload' | 'fit_upload' | 'strava'; elapsedS: number }[],
  firstDaysAgo: number,
) {
  await giveTier(h, me.user.id, 'pro');
  const ok = async (path: string, body: unknown) => {
    const r = await h.json<{ id: string }>(path, { method: 'POST', body, cookie: me.cookie });
    if (r.status >= 300) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id;
  };
  const made = [];
  for (const [i, r] of rides.entries())
    made.push(
      await ride(h, me.user.id, {
        source: r.source,
        startTime: new Date(`${addDays(today, -(firstDaysAgo + i))}T07:00:00Z`),
        name: `Road ride ${i}`,
      }),
    );
  const segment = await ok('/api/v1/segments', { activityId: made[0]!.id, fromS: 60, toS: 300, name: 'Hill' });
  for (const [i, r] of rides.entries())
    await effort(h, { segmentId: segment, activity: made[i]!, userId: me.user.id, startS: 60 + i, elapsedS: r.elapsedS });
  // Both twins' segments made at one instant: `created_utc` is no difference between them.
  await h.db
    .update(segments)
    .set({ createdAt: new Date(`${today}T06:00:00Z`) })
    .where(eq(segments.id, segment));

  const plan = await ok('/api/v1/plans', {
    goal: { kind: 'run_10k', eventDate: addDays(today, 70), eventName: 'Harbour 10K' },
    availableDays: [0, 2, 4, 6],
    longDay: 6,
    hoursPerWeek: 5,
    includeStrength: false,
  });
  const workouts = [];
  for (const w of LIBRARY) workouts.push(await ok('/api/v1/library/workouts', w));
  const race = await ok('/api/v1/races', { name: 'Park 10K', distanceM: 10_000, raceDate: addDays(today, 30) });
  return { rides: made.map((r) => r.id), segment, plan, workouts, races: [race, plan] };
}
