// What every MCP tool shares: the services it reads through (never SQL), who it reads for, an activity in
// SI units or `unavailable` as the `ai` data use decides (ADR 036), what an aggregate left out, and cursors.
import type { z } from 'zod';
import type { ActivityRow, ActivitiesService, ActivitySource } from '../activities';
import type { AnalyticsService, Athlete } from '../analytics';
import type { LibraryService } from '../library';
import type { SegmentsService } from '../maps';
import type { AdaptService, PlansService } from '../plans';
import type { FuellingService, PredictionService, RacesService } from '../races';
import type { WellnessService } from '../wellness';
import { AppError, ErrorCode } from '../../lib/errors';
import type { ActivityItem, LeftOut } from './mcp.schema';
import { encodeCursor, encodeOffset, unavailableFor } from './mcp.plain';

export { encodeCursor, encodeOffset, unavailableFor };

/** The scopes an API key will carry (issue 59); each tool names the one it needs, enforced once keys land. */
export type McpScope = 'activities:read' | 'analytics:read' | 'wellness:read' | 'plan:read';

export interface McpDeps {
  /** The signed-in athlete: every tool reads for them and no one else. */
  athlete: Athlete;
  activities: Pick<ActivitiesService, 'list' | 'get' | 'getMany'>;
  analytics: Pick<AnalyticsService, 'fitnessTimeline' | 'weeks' | 'personalBests' | 'ageGrades' | 'models' | 'sourcesFor' | 'today'>;
  wellness: Pick<WellnessService, 'readiness' | 'days'>;
  plans: Pick<PlansService, 'current' | 'calendar'>;
  adapt: Pick<AdaptService, 'list'>;
  segments: Pick<SegmentsService, 'list' | 'get'>;
  library: Pick<LibraryService, 'list'>;
  races: Pick<RacesService, 'list' | 'get'>;
  /** The prediction from the `ai` sources (never stored: the stored one is what the athlete saw). */
  predictions: Pick<PredictionService, 'forCoach'>;
  /** The athlete's own sweat tests and gut-training log: entered by them, no activity source's figures. */
  fuelling: Pick<FuellingService, 'sweatTests' | 'gutSessions'>;
  /** Activities outside `allowed` in a window, by source (the AI coach's own count). */
  withheld: (
    allowed: ActivitySource[],
    window: { from: string | null; to: string | null },
  ) => Promise<{ source: ActivitySource; count: number }[]>;
  /** An API key's scopes (ADR 105): only the tools they cover are listed and callable; null for a session (all). */
  scopes: readonly string[] | null;
}

export interface McpTool<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  scope: McpScope;
  input: I;
  output: O;
  run(deps: McpDeps, input: z.infer<I>): Promise<z.infer<O>>;
}

export const defineTool = <I extends z.ZodObject, O extends z.ZodObject>(t: McpTool<I, O>): McpTool<I, O> => t;

/** The data use every MCP read goes through: what may enter a model's context (ADR 036). */
export const AI_USE = 'ai' as const;

const round = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;
const FOOT = new Set(['run', 'walk', 'hike']);

/** One activity as an AI client may read it: every figure in SI units, or `unavailable` with no figure at all. */
export function presentActivity(r: ActivityRow, allowed: ReadonlySet<ActivitySource>, athleteZone: string): ActivityItem {
  const base = { id: r.id, date: r.localStartDate, time_zone: r.timezone ?? athleteZone };
  if (!allowed.has(r.source)) return { ...base, source: r.source, unavailable: unavailableFor(r.source) };
  const moving = r.movingTimeS;
  const has = r.distanceM > 0 && moving > 0;
  const opt = (v: number | null, dp = 0) => (v === null ? null : round(v, dp));
  return {
    ...base,
    start_utc: r.startTime.toISOString(),
    source: r.source,
    sport: r.sport,
    name: r.name,
    distance_m: round(r.distanceM, 1),
    moving_time_s: moving,
    elapsed_time_s: r.elapsedTimeS,
    elevation_gain_m: opt(r.elevationGainM),
    pace_s_per_km: has && FOOT.has(r.sport) ? round(moving / (r.distanceM / 1000), 1) : null,
    pace_s_per_100m: has && r.sport === 'swim' ? round(moving / (r.distanceM / 100), 1) : null,
    speed_km_per_h: has && r.sport === 'ride' ? round((r.distanceM / moving) * 3.6, 1) : null,
    avg_hr_bpm: opt(r.avgHr),
    max_hr_bpm: opt(r.maxHr),
    avg_power_w: opt(r.avgPower),
  };
}

/** The sources the `ai` use allows, as a set. */
export const aiSources = async (deps: McpDeps) => new Set(await deps.analytics.sourcesFor(AI_USE));

/** What an aggregate over a window did not count, and why (the AI coach's own count). */
export async function leftOut(deps: McpDeps, window: { from: string | null; to: string | null }): Promise<LeftOut> {
  const by = (await deps.withheld([...(await aiSources(deps))], window)).filter((w) => w.count > 0);
  const count = by.reduce((s, w) => s + w.count, 0);
  const first = by[0];
  const words = first ? unavailableFor(first.source) : null;
  return { count, by_source: by, reason: words?.reason ?? null, fix: words?.fix ?? null };
}

export function decodeCursor(cursor: string): Date {
  try {
    const { before } = JSON.parse(atob(cursor)) as { before?: unknown };
    const d = typeof before === 'string' ? new Date(before) : null;
    if (d && !Number.isNaN(d.getTime())) return d;
  } catch {
    // falls through to the refusal
  }
  throw new AppError(ErrorCode.VALIDATION, 'That cursor is not one this server gave out: start again without one.');
}

/** Reads `encodeOffset`'s cursor (mcp.plain.ts). */
export function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const { offset } = JSON.parse(atob(cursor)) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the refusal
  }
  throw new AppError(ErrorCode.VALIDATION, 'That cursor is not one this server gave out: start again without one.');
}

export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found.`);
