// Uploaded runs with a speed stream for the threshold-pace tests (issue 55): an easy long run, whose bests are not
// maximal efforts, and a steady run at a given speed.
import { buildActivity } from '../../testing/factories/activity';
import type { ActivityInput } from '../activities';

const run = (day: string, cms: number[], externalId: string, avgHr: number | null = null): ActivityInput =>
  buildActivity({
    sport: 'run',
    sportOriginal: 'Run',
    source: 'fit_upload',
    startTime: new Date(`${day}T07:00:00Z`),
    localStartDate: day,
    movingTimeS: cms.length,
    elapsedTimeS: cms.length,
    distanceM: cms.reduce((x, y) => x + y, 0) / 100,
    avgHr,
    maxHr: avgHr,
    detailComplete: true,
    streams: { t: cms.map((_, i) => i), speedCms: cms },
    externalId,
  });

/** 90 min easy at 2.9 m/s (5:45 /km) over rolling ground (±4 % every 10 min), a little faster in the last 10. */
export const easyLongRun = (day: string, externalId: string): ActivityInput =>
  run(
    day,
    Array.from({ length: 5400 }, (_, s) => Math.round(290 * (1 + 0.04 * Math.sin((2 * Math.PI * s) / 600) + (s > 4800 ? 0.03 : 0)))),
    externalId,
  );

/** `seconds` at a steady `cms` cm/s. */
export const speedRun = (day: string, cms: number, seconds: number, externalId: string): ActivityInput =>
  run(day, new Array<number>(seconds).fill(cms), externalId);
