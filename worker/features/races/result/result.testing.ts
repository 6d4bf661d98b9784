// Synthetic races run in the past: a race row dated back (the API refuses a past date), predictions stored at chosen
// instants, and a run recorded second by second at given paces per km.
import { addDays } from '../../../lib/dates';
import type { Db } from '../../../db/client';
import { racePredictions, races } from '../../../db/schema';
import { buildActivity } from '../../../testing/factories/activity';
import { today } from '../../analytics/analytics.testing';

export async function pastRace(
  db: Db,
  userId: string,
  daysAgo: number,
  distanceM = 10000,
  name = 'Club 10K',
): Promise<{ id: string; date: string }> {
  const raceDate = addDays(today(), -daysAgo);
  const [row] = await db.insert(races).values({ userId, name, distanceM, raceDate }).returning({ id: races.id });
  return { id: row!.id, date: raceDate };
}

export async function storePrediction(
  db: Db,
  userId: string,
  raceId: string,
  madeAt: Date,
  range: { low: number; mid: number; high: number },
) {
  await db.insert(racePredictions).values({
    userId,
    raceId,
    madeAt,
    state: 'predicted',
    lowS: range.low,
    midS: range.mid,
    highS: range.high,
    answer: { state: 'predicted', range },
    answerHash: `test-${madeAt.toISOString()}`,
    engineVersion: 1,
  });
}

/** A run on `date` at 09:00 UTC, one sample a second, each km at its time (s), heart rate per km if given; the last piece `lastM` long. */
export function raceRun(date: string, paces: number[], hr?: number[], name = 'Race', lastM = 1000) {
  const speed: number[] = [];
  const beats: number[] = [];
  paces.forEach((p, k) => {
    for (let s = 0; s < p; s++) {
      speed.push(Math.round(((k === paces.length - 1 ? lastM : 1000) * 100) / p));
      beats.push(hr?.[k] ?? 0);
    }
  });
  const t = speed.map((_, i) => i);
  const total = t.length;
  return buildActivity({
    name,
    startTime: new Date(`${date}T09:00:00Z`),
    localStartDate: date,
    movingTimeS: total,
    elapsedTimeS: total,
    distanceM: (paces.length - 1) * 1000 + lastM,
    detailComplete: true,
    streams: { t, speedCms: speed, ...(hr ? { hr: beats } : {}) },
  });
}
