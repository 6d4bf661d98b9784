import type { ActivityInput } from '../../features/activities/activity.types';

let counter = 0;

/** A plausible 10 km run; override what the test is about. */
export function buildActivity(overrides: Partial<ActivityInput> = {}): ActivityInput {
  counter++;
  const startTime = overrides.startTime ?? new Date(Date.UTC(2026, 9, 1, 7, 0, 0) - counter * 86_400_000);
  return {
    source: 'strava',
    externalId: `ext-${counter}-${crypto.randomUUID().slice(0, 8)}`,
    sport: 'run',
    sportOriginal: 'Run',
    name: `Morning Run ${counter}`,
    startTime,
    localStartDate: startTime.toISOString().slice(0, 10),
    timezone: 'Europe/London',
    movingTimeS: 3000,
    elapsedTimeS: 3100,
    distanceM: 10_000,
    elevationGainM: 85,
    avgHr: 148,
    maxHr: 171,
    detailComplete: false,
    ...overrides,
  };
}
