// The eval's athletes, written out activity by activity relative to the day the eval runs, and the
// Garmin export that carries them in. Expected answers are computed here from these lists, never by
// the coach's tools: the eval checks the tools, it must not share their code.
import { addDays, todayIn } from '../../worker/lib/dates.ts';
import { localToUtcMs } from '../sandbox/strava/tz.ts';

export type EvalSport = 'run' | 'ride' | 'swim';

export interface EvalActivity {
  name: string;
  sport: EvalSport;
  /** Local calendar date (athlete's zone) and local start time. */
  date: string;
  localTime: string;
  distanceM: number;
  movingS: number;
  avgHr: number;
}

export interface EvalAthlete {
  key: string;
  units: 'km' | 'mi';
  timeZone: string;
  activities: EvalActivity[];
}

/** YYYY-MM-DD of `daysAgo` days before today in `tz`. */
export const localDate = (tz: string, daysAgo: number, now = new Date()): string => addDays(todayIn(tz, now), -daysAgo);

/** The UTC instant of a local wall time in `tz`. */
export const utcOf = (tz: string, date: string, time: string): number => localToUtcMs(tz, Date.parse(`${date}T${time}:00Z`));

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday

/** Ten weeks of a consistent athlete: runs Tue/Thu/Sun (long), a ride on Saturday, a swim on Wednesday. */
function consistent(tz: string, days: number, lateSwim: boolean): EvalActivity[] {
  const out: EvalActivity[] = [];
  for (let ago = days; ago >= 1; ago--) {
    const date = localDate(tz, ago);
    const wd = weekday(date);
    const k = ago % 7;
    if (wd === 2 || wd === 4) {
      const distanceM = 7000 + ((ago * 37) % 30) * 100;
      const pace = 300 + ((ago * 13) % 40); // s/km
      out.push({
        name: `Run ${date}`,
        sport: 'run',
        date,
        localTime: '07:00',
        distanceM,
        movingS: Math.round((distanceM / 1000) * pace),
        avgHr: 140 + (ago % 15),
      });
    } else if (wd === 0) {
      const distanceM = 15000 + (ago % 5) * 1500;
      out.push({
        name: `Long run ${date}`,
        sport: 'run',
        date,
        localTime: '08:30',
        distanceM,
        movingS: Math.round((distanceM / 1000) * 345),
        avgHr: 145 + k,
      });
    } else if (wd === 6) {
      const distanceM = 40000 + ((ago * 7) % 30) * 1000;
      out.push({
        name: `Ride ${date}`,
        sport: 'ride',
        date,
        localTime: '09:00',
        distanceM,
        movingS: Math.round(distanceM / 7.5),
        avgHr: 128 + k,
      });
    } else if (wd === 3 && ago % 14 < 7) {
      const distanceM = 1500 + (ago % 4) * 250;
      // One swim starts just after midnight: its UTC date is the day before (the zone test).
      const localTime = lateSwim && ago < 14 ? '00:30' : '18:00';
      out.push({
        name: `Swim ${date}`,
        sport: 'swim',
        date,
        localTime,
        distanceM,
        movingS: Math.round((distanceM / 100) * 118),
        avgHr: 132,
      });
    }
  }
  return out;
}

export function evalAthletes(): EvalAthlete[] {
  const kimTz = 'Europe/Berlin';
  const maxTz = 'America/Los_Angeles';
  const thinTz = 'Europe/London';
  return [
    { key: 'kim', units: 'km', timeZone: kimTz, activities: consistent(kimTz, 70, true) },
    {
      key: 'max',
      units: 'mi',
      timeZone: maxTz,
      // Evening runs at 22:30 Los Angeles time: the next day in UTC.
      activities: consistent(maxTz, 42, false)
        .filter((a) => a.sport === 'run')
        .map((a) => ({ ...a, localTime: '22:30' })),
    },
    {
      key: 'thin',
      units: 'km',
      timeZone: thinTz,
      activities: [3, 9, 17].map((ago, i) => {
        const date = localDate(thinTz, ago);
        const distanceM = 4000 + i * 1000;
        return {
          name: `Easy run ${date}`,
          sport: 'run' as const,
          date,
          localTime: '07:30',
          distanceM,
          movingS: Math.round((distanceM / 1000) * 390),
          avgHr: 150,
        };
      }),
    },
  ];
}

const GARMIN_TYPE: Record<EvalSport, { activityType: string; sportType: string }> = {
  run: { activityType: 'running', sportType: 'RUNNING' },
  ride: { activityType: 'cycling', sportType: 'CYCLING' },
  swim: { activityType: 'lap_swimming', sportType: 'SWIMMING' },
};

/** A Garmin "export your data" summarizedActivities document for one athlete (units as Garmin writes them). */
export function garminExport(a: EvalAthlete, idBase: number): unknown {
  const rows = a.activities.map((x, i) => {
    const start = utcOf(a.timeZone, x.date, x.localTime);
    const offsetMs = Date.parse(`${x.date}T${x.localTime}:00Z`) - start;
    return {
      activityId: idBase + i,
      name: x.name,
      ...GARMIN_TYPE[x.sport],
      beginTimestamp: start,
      startTimeGmt: start,
      startTimeLocal: start + offsetMs,
      duration: x.movingS * 1000,
      elapsedDuration: x.movingS * 1000,
      movingDuration: x.movingS * 1000,
      distance: Math.round(x.distanceM * 100),
      avgSpeed: Math.round((x.distanceM / x.movingS / 10) * 1e5) / 1e5,
      avgHr: x.avgHr,
      maxHr: x.avgHr + 20,
      lapCount: 1,
      eventTypeId: 9,
      manufacturer: 'GARMIN',
      summarizedExerciseSets: [],
    };
  });
  return [{ summarizedActivitiesExport: rows.reverse() }];
}
