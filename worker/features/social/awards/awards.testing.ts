// Test support for the awards wiring: generated recordings as the activities service stores them (streams and
// all), services on a fixed clock, and the social rows the people slice's routes will write.
import { onTestFinished } from 'vitest';
import { createDb } from '../../../db/client';
import { blocks, follows, socialProfiles, users } from '../../../db/schema';
import { deltaEncode } from '../../../lib/delta-code';
import { localDateOf } from '../../../lib/dates';
import { createLogger } from '../../../lib/logger';
import type { Harness } from '../../../testing/harness';
import { createServices } from '../../../wiring';
import { eq } from 'drizzle-orm';
import type { ActivityInput } from '../../activities';
import type { BoardActivity } from '../leaderboard-eligibility';

let n = 0;

/** A board activity as an import: its samples as stored streams (positions heading north when it has GPS). */
export function inputOf(a: BoardActivity, zone = 'UTC'): ActivityInput {
  const s = a.samples;
  const streams = s
    ? {
        t: s.t.map((x) => Math.round(x)),
        distanceDmDelta: deltaEncode(s.distanceM.map((d) => Math.round(d * 10))),
        ...(s.positions
          ? {
              latE6Delta: deltaEncode(s.distanceM.map((d) => Math.round((51.5 + d / 111_320) * 1e6))),
              lngE6Delta: deltaEncode(s.distanceM.map(() => -120_000)),
            }
          : {}),
      }
    : null;
  return {
    source: a.source,
    externalId: `gen-${++n}-${crypto.randomUUID().slice(0, 8)}`,
    sport: a.sport,
    sportOriginal: a.sport,
    name: `Generated ${a.sport} ${n}`,
    startTime: a.startTime,
    localStartDate: localDateOf(a.startTime, zone),
    timezone: zone,
    movingTimeS: a.movingTimeS,
    elapsedTimeS: a.elapsedTimeS,
    distanceM: a.distanceM,
    detailComplete: streams !== null,
    streams,
    dataQuality: a.dataQuality.map((q) => ({ code: q.code, message: q.code })),
  } as ActivityInput;
}

/** The app's services in a unit of work of their own, on a fixed clock. */
export function servicesAt(h: Harness, now: Date) {
  const handle = createDb(h.env, createLogger('error'));
  onTestFinished(() => handle.close());
  return createServices(h.env, {
    requestId: null,
    logger: createLogger('error'),
    waitUntil: () => {},
    db: handle,
    clock: { now: () => now },
  });
}

export const setZone = (h: Harness, userId: string, timeZone: string) => h.db.update(users).set({ timeZone }).where(eq(users.id, userId));
export const optIn = (h: Harness, userId: string, on = true) =>
  h.db
    .insert(socialProfiles)
    .values({ userId, leaderboardOptIn: on })
    .onConflictDoUpdate({ target: socialProfiles.userId, set: { leaderboardOptIn: on } });
export const follow = (h: Harness, followerId: string, followeeId: string) =>
  h.db.insert(follows).values({ followerId, followeeId, status: 'accepted', acceptedAt: new Date() });
export const block = (h: Harness, blockerId: string, blockedId: string) => h.db.insert(blocks).values({ blockerId, blockedId });
