// The Training API adapter against the Garmin sandbox (node lane): a mapped workout accepted and stored as sent,
// scheduled, updated, unscheduled and deleted; what Garmin's document refuses refused with its message; 412
// without WORKOUT_IMPORT; a deleted workout read as gone.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../../scripts/sandbox/server.ts';
import { toGarminWorkout } from '../../features/garmin-training/garmin-workout.map';
import { ProviderConsentError } from '../file-provider/file-provider';
import { HttpGarminClient } from './garmin.http';
import { GarminGoneError, GarminRefusedError } from './garmin-training';
import { HttpGarminTraining } from './garmin-training.http';
import type { GarminWorkout } from './garmin-training.wire';

let sandbox: RunningSandbox;
let oauth: HttpGarminClient;
let training: HttpGarminTraining;
const REDIRECT = 'http://cadence.test/api/v1/connections/garmin/callback';

async function token(user: number, permissions?: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const consent = new URL(
    oauth.authorizeUrl({ redirectUri: REDIRECT, state: 's', codeChallenge: createHash('sha256').update(verifier).digest('base64url') }),
  );
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set('user', String(user));
  if (permissions) consent.searchParams.set('permissions', permissions);
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '');
  return (await oauth.exchangeCode({ code: back.searchParams.get('code') ?? '', redirectUri: REDIRECT, codeVerifier: verifier }))
    .accessToken;
}

const stored = async (user: number) =>
  (await (await fetch(`${sandbox.url}/garmin/_control/users/${user}/training`)).json()) as {
    workouts: (GarminWorkout & { workoutId: number })[];
    schedules: { scheduleId: number; workoutId: number; date: string }[];
  };

const intervals = () =>
  toGarminWorkout(
    {
      title: '5 × 3 min',
      description: 'VO2max',
      sport: 'bike',
      steps: [
        { kind: 'warmup', durationSec: 900, distanceM: null, target: { metric: 'power', zone: 2, low: 0.55, high: 0.7 } },
        {
          kind: 'repeat',
          count: 5,
          steps: [
            { kind: 'work', durationSec: 180, distanceM: null, target: { metric: 'power', zone: 5, low: 1.1, high: 1.2 } },
            { kind: 'recovery', durationSec: 180, distanceM: null, target: null },
          ],
        },
        { kind: 'cooldown', durationSec: 600, distanceM: null, target: { metric: 'hr', zone: 1, low: 0.6, high: 0.75 } },
      ],
    },
    { ftpW: 280, thresholdSpeedMps: null, cssMps: null, lthrBpm: 165 },
  ).workout!;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  oauth = new HttpGarminClient({
    authorizeUrl: `${sandbox.url}/garmin/oauth2Confirm`,
    tokenUrl: `${sandbox.url}/garmin/di-oauth2-service/oauth/token`,
    apiUrl: `${sandbox.url}/garmin/`,
    clientId: 'garmin-sandbox-client',
    clientSecret: 'garmin-sandbox-secret',
  });
  training = new HttpGarminTraining(`${sandbox.url}/garmin/`);
});
afterAll(() => sandbox.stop());

describe('Garmin Training API adapter', () => {
  it('creates, schedules, updates, unschedules and deletes a workout, stored as sent', async () => {
    const t = await token(801);
    const w = intervals();
    const id = await training.createWorkout(t, w);
    const scheduleId = await training.createSchedule(t, id, '2026-12-03');
    let s = await stored(801);
    expect(s.workouts).toEqual([expect.objectContaining({ ...w, workoutId: Number(id) })]);
    expect(s.schedules).toEqual([{ scheduleId: Number(scheduleId), workoutId: Number(id), date: '2026-12-03' }]);
    await training.updateWorkout(t, id, { ...w, workoutName: '5 × 3 min, harder' });
    expect((await stored(801)).workouts[0]?.workoutName).toBe('5 × 3 min, harder');
    await training.deleteSchedule(t, scheduleId);
    await training.deleteSchedule(t, scheduleId); // already gone: not an error
    await training.deleteWorkout(t, id);
    s = await stored(801);
    expect(s).toMatchObject({ workouts: [], schedules: [] });
    await expect(training.updateWorkout(t, id, w)).rejects.toBeInstanceOf(GarminGoneError);
  });

  it('is refused what Garmin’s document refuses, with Garmin’s message', async () => {
    const t = await token(802);
    const w = intervals();
    const steps = w.segments[0]!.steps;
    const cases: [GarminWorkout, RegExp][] = [
      [{ ...w, workoutName: '' }, /workoutName is required/],
      [{ ...w, sport: 'ROWING' as GarminWorkout['sport'] }, /Invalid sport/],
      [{ ...w, workoutProvider: 'x'.repeat(21) }, /at most 20 characters/],
      [{ ...w, segments: [{ ...w.segments[0]!, steps: [{ ...steps[0]!, stepOrder: 2 } as never] }] }, /stepOrder must be 1/],
      [{ ...w, segments: [{ ...w.segments[0]!, steps: [{ ...steps[0]!, intensity: 'SPRINT' } as never] }] }, /Invalid intensity/],
      [
        { ...w, segments: [{ ...w.segments[0]!, steps: [steps[0]!, { ...steps[1]!, repeatValue: 1.5 } as never, steps[2]!] }] },
        /repeatValue must be a whole number/,
      ],
      [{ ...w, sport: 'LAP_SWIMMING', segments: [{ ...w.segments[0]!, sport: 'LAP_SWIMMING' }] }, /targetType must be null for swim/],
    ];
    for (const [bad, message] of cases) await expect(training.createWorkout(t, bad)).rejects.toThrow(message);
    await expect(training.createWorkout(t, { ...w, workoutName: '' })).rejects.toBeInstanceOf(GarminRefusedError);
    await expect(training.createSchedule(t, '1', 'not-a-date')).rejects.toBeInstanceOf(GarminRefusedError);
    expect((await stored(802)).workouts).toEqual([]);
  });

  it('needs the WORKOUT_IMPORT permission (412)', async () => {
    const t = await token(803, 'ACTIVITY_EXPORT');
    await expect(training.createWorkout(t, intervals())).rejects.toBeInstanceOf(ProviderConsentError);
  });
});
