// The grounding tests' fixture athlete: activities from AI-allowed sources (files, manual entries) and
// from Strava (which the coach must never see), on a fixed clock, with the tool context and deps.
import { todayIn } from '../../../lib/dates';
import { analyticsWorld, insertAthlete } from '../../../testing/analytics';
import { buildActivity } from '../../../testing/factories/activity';
import type { Harness } from '../../../testing/harness';
import type { ActivitySource, Sport } from '../../activities';
import type { Athlete } from '../../analytics';
import type { ToolContext, Units } from '../coach.types';
import type { CoachToolDeps } from './tool-kit';

export const NOW = new Date('2026-11-21T12:00:00Z');

export interface FixtureActivity {
  key: string;
  source: ActivitySource;
  sport: Sport;
  date: string;
  distanceM: number;
  movingS: number;
  avgHr: number | null;
  elevationM: number;
  name: string;
  /** UTC start; default 07:00 UTC on `date`. */
  startTime?: string;
  /** The provider's best efforts (a 5 km inside a 10 km run). */
  bestEfforts?: { name: string; distanceM: number; elapsedS: number }[];
}

const a = (
  key: string,
  source: ActivitySource,
  sport: Sport,
  date: string,
  distanceM: number,
  movingS: number,
  avgHr: number | null,
  elevationM: number,
  name: string,
): FixtureActivity => ({
  key,
  source,
  sport,
  date,
  distanceM,
  movingS,
  avgHr,
  elevationM,
  name,
});

// Today is Saturday 2026-11-21 (UTC). The Strava rows are the fastest and have distinctive numbers:
// if any leaked into a tool result, the tests would see them.
export const FIXTURE: FixtureActivity[] = [
  a('r1', 'fit_upload', 'run', '2026-11-20', 10_000, 2700, 150, 50, 'Tempo Ten'),
  a('r2', 'manual', 'run', '2026-11-18', 5000, 1650, 138, 20, 'Easy Five'),
  a('r3', 'gpx_upload', 'run', '2026-11-16', 21_100, 6540, 145, 210, 'Sunday Long'),
  a('s1', 'strava', 'run', '2026-11-19', 12_345, 2999, 161, 77, 'Strava Secret Run'),
  a('s2', 'strava', 'ride', '2026-11-15', 43_210, 5432, 133, 444, 'Strava Secret Ride'),
  a('d1', 'fit_upload', 'ride', '2026-11-14', 60_000, 7200, 135, 600, 'Hill Ride'),
  a('o1', 'tcx_upload', 'run', '2026-10-10', 15_000, 4650, 148, 120, 'October Fifteen'),
  a('o2', 'garmin_export', 'run', '2026-10-20', 8000, 2400, 142, 40, 'October Eight'),
  a('s3', 'strava', 'run', '2026-10-05', 30_303, 9876, 155, 99, 'Strava October'),
  a('w1', 'manual', 'swim', '2026-09-02', 2000, 2400, null, 0, 'Pool Swim'),
  a('m1', 'fit_upload', 'run', '2025-12-28', 42_195, 12_600, 158, 150, 'Last Year Marathon'),
  a('k1', 'manual', 'walk', '2026-11-21', 3000, 2100, 95, 10, 'Evening Walk'),
];

export const STRAVA = FIXTURE.filter((x) => x.source === 'strava');
export const ALLOWED = FIXTURE.filter((x) => x.source !== 'strava');
export interface GroundingWorld {
  athlete: Athlete;
  deps: CoachToolDeps;
  ctx: (returnDate?: string | null) => ToolContext;
  /** Fixture key → stored activity id. */
  ids: Map<string, string>;
}

export async function groundingWorld(
  h: Harness,
  opts: { units?: Units; timeZone?: string; activities?: FixtureActivity[]; now?: Date } = {},
): Promise<GroundingWorld> {
  const now = opts.now ?? NOW;
  const w = analyticsWorld(h.db, now);
  const athlete = await insertAthlete(h.db, { units: opts.units ?? 'km', timeZone: opts.timeZone ?? 'UTC' });
  const ids = new Map<string, string>();
  for (const f of opts.activities ?? FIXTURE) {
    const startTime = new Date(f.startTime ?? `${f.date}T07:00:00Z`);
    const res = await w.activities.ingest(
      athlete.id,
      buildActivity({
        source: f.source,
        externalId: `${f.key}-${crypto.randomUUID().slice(0, 8)}`,
        sport: f.sport,
        sportOriginal: f.sport,
        name: f.name,
        startTime,
        localStartDate: f.date,
        timezone: opts.timeZone ?? 'UTC',
        movingTimeS: f.movingS,
        elapsedTimeS: f.movingS + 60,
        distanceM: f.distanceM,
        elevationGainM: f.elevationM,
        avgHr: f.avgHr,
        maxHr: f.avgHr === null ? null : f.avgHr + 20,
        detailComplete: f.source !== 'strava',
        ...(f.bestEfforts ? { bestEfforts: f.bestEfforts } : {}),
      }),
    );
    ids.set(f.key, res.id);
  }
  const deps: CoachToolDeps = { db: h.db, clock: w.clock, analytics: w.analytics };
  const today = todayIn(athlete.timeZone, now);
  return {
    athlete,
    deps,
    ids,
    ctx: (returnDate = null) => ({ athlete, today, returnDate, conversationId: null, messageId: null }),
  };
}

/** Expected values, computed here from the fixture (not by the tools). */
export const km2 = (m: number, perUnit = 1000) => Math.round((m / perUnit) * 100) / 100;
export const mmss = (s: number) => {
  const r = Math.round(s);
  const h = Math.floor(r / 3600);
  const m = Math.floor((r % 3600) / 60);
  const sec = String(r % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
};
export const paceOf = (f: { distanceM: number; movingS: number }, perUnit = 1000) => mmss((f.movingS / f.distanceM) * perUnit);
export const inWindow = (f: FixtureActivity, from: string, to: string) => f.date >= from && f.date <= to;

/** Strings only a Strava row could put into a result: names, distances and times as the tools would write them. */
export const stravaMarkers = (): string[] =>
  STRAVA.flatMap((f) => [f.name, String(km2(f.distanceM)), String(km2(f.distanceM, 1609.344)), mmss(f.movingS), paceOf(f)]);
