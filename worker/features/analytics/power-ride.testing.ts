// The uploaded power rides the threshold-by-date tests score (issue 37): an old ride, and this week's ride
// that sets today's FTP estimate.
import { addDays, todayIn } from '../../lib/dates';
import { buildActivity } from '../../testing/factories/activity';
import type { ActivityInput } from '../activities';

/** A file-uploaded ride on `day` of `seconds` at `watts(s)` watts, recorded every second, without heart rate. */
export function powerRide(day: string, seconds: number, watts: (s: number) => number, over: Partial<ActivityInput> = {}): ActivityInput {
  const t = Array.from({ length: seconds }, (_, i) => i);
  const power = t.map(watts);
  return buildActivity({
    sport: 'ride',
    sportOriginal: 'Ride',
    source: 'fit_upload',
    startTime: new Date(`${day}T07:00:00Z`),
    localStartDate: day,
    movingTimeS: seconds,
    elapsedTimeS: seconds,
    distanceM: seconds * 9,
    avgHr: null,
    maxHr: null,
    avgPower: power.reduce((x, y) => x + y, 0) / seconds,
    detailComplete: true,
    streams: { t, power },
    ...over,
  });
}

/** Three days ago, 30 min at 150.5 W: today's FTP estimate becomes round(0.95 × 150.5) = 143 W. */
export const estimateSettingRide = (over: Partial<ActivityInput> = {}): ActivityInput =>
  powerRide(addDays(todayIn('UTC', new Date()), -3), 1800, () => 150.5, over);
