// What every coach tool shares: its dependencies, the sources the AI policy allows, default windows
// (the return date when the athlete is coming back), receipts in the athlete's units, and the result shape.
import { z } from 'zod';
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { daysBetween } from '../../../lib/dates';
import type { ActivitySource } from '../../activities';
import type { AnalyticsService } from '../../analytics';
import type { PlansService } from '../../plans';
import type { CardService, RacesService } from '../../races';
import type { WellnessService } from '../../wellness';
import type { CoachReceipt, ToolContext, ToolFact, ToolResult } from '../coach.types';
import { createCoachDataRepo } from './coach-data.repo';
import { clockText, distanceText, elevationUnit, elevationValue, speedText, speedUnitFor, speedValue } from './units';

export interface CoachToolDeps {
  db: Db;
  clock: Clock;
  analytics: Pick<
    AnalyticsService,
    'fitnessTimeline' | 'weeks' | 'personalBests' | 'runBestsBetween' | 'efficiency' | 'insights' | 'sourcesFor'
  >;
  /** Absent: get_plan answers that plans are not available. */
  plans?: Pick<PlansService, 'current' | 'calendar'>;
  /** Absent: the wellness tools answer that wellness is not available. Read with the `ai` use (the wellness policy). */
  wellness?: Pick<WellnessService, 'days'>;
  /** Absent: race_plan answers that races are not available. The card is read with the `ai` use, never stored. */
  races?: Pick<RacesService, 'list'> & Pick<CardService, 'forCoach'>;
}

export const AI_USE = 'ai' as const;
/** The sources the unit of work's data policy lets into a model request (never Strava's API copies). */
export const allowedSources = (deps: Pick<CoachToolDeps, 'analytics'>): Promise<ActivitySource[]> => deps.analytics.sourcesFor(AI_USE);

export const Sport = z.enum(['run', 'ride', 'swim', 'walk', 'hike', 'other']);
export type Sport = z.infer<typeof Sport>;
export const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** The activity sports a tool's sport filter covers ('other' takes strength too). */
export const sportsOf = (s: Sport | undefined): string[] | null => (s ? (s === 'other' ? ['other', 'strength'] : [s]) : null);

export const SPORT_NOUN: Record<string, [string, string]> = {
  run: ['run', 'runs'],
  ride: ['ride', 'rides'],
  swim: ['swim', 'swims'],
  walk: ['walk', 'walks'],
  hike: ['hike', 'hikes'],
  other: ['activity', 'activities'],
};
export const nounFor = (sport: string | undefined, plural: boolean) => (SPORT_NOUN[sport ?? 'other'] ?? SPORT_NOUN.other!)[plural ? 1 : 0];

/** Days from the return date to today (inclusive), clamped: for tools sized in days or weeks. */
export const daysSinceReturn = (ctx: ToolContext): number | null =>
  ctx.returnDate && ctx.returnDate <= ctx.today ? daysBetween(ctx.returnDate, ctx.today) + 1 : null;

export function result(ctx: ToolContext, tool: string, window: ToolResult['window'], parts: Partial<ToolResult>): ToolResult {
  return {
    tool,
    window,
    units: ctx.athlete.units,
    timeZone: ctx.athlete.timeZone,
    facts: [],
    receipts: [],
    empty: null,
    withheld: [],
    ...parts,
  };
}

export async function withheldIn(
  deps: CoachToolDeps,
  ctx: ToolContext,
  window: { from: string | null; to: string | null },
  sports: string[] | null = null,
): Promise<ToolResult['withheld']> {
  return createCoachDataRepo(deps.db).withheld(ctx.athlete.id, await allowedSources(deps), { ...window, sports });
}

/**
 * Activities the policy kept out of a window (sources outside `allowed`), counted by source: what the coach's
 * notes say was left out, and what the MCP tools (worker/features/mcp) report beside their figures.
 */
export const withheldActivities = (
  db: Db,
  userId: string,
  allowed: ActivitySource[],
  window: { from: string | null; to: string | null },
): Promise<{ source: ActivitySource; count: number }[]> => createCoachDataRepo(db).withheld(userId, allowed, { ...window, sports: null });

/** A receipt from an analytics receipt-like object (SI values), plus extra values. */
export function activityReceipt(
  ctx: ToolContext,
  r: {
    id?: string;
    activityId?: string;
    date: string;
    name: string;
    sport: string;
    distanceM: number;
    movingTimeS: number;
    elevationGainM?: number | null;
  },
  extra: CoachReceipt['values'] = {},
): CoachReceipt {
  const units = ctx.athlete.units;
  const unit = speedUnitFor(r.sport, units);
  const speed = speedValue(r.distanceM, r.movingTimeS, unit);
  const values: CoachReceipt['values'] = {
    distance: r.distanceM > 0 ? distanceText(r.distanceM, units) : null,
    time: clockText(r.movingTimeS),
    [unit.startsWith('min/') ? 'pace' : 'speed']: speed === null ? null : speedText(speed, unit),
  };
  if (r.elevationGainM !== undefined && r.elevationGainM !== null)
    values.elevation = `${elevationValue(r.elevationGainM, units)} ${elevationUnit(units)}`;
  return { activityId: r.activityId ?? r.id ?? '', date: r.date, name: r.name, sport: r.sport, values: { ...values, ...extra } };
}

export const fact = (label: string, value: number | string, unit?: string): ToolFact => (unit ? { label, value, unit } : { label, value });

/** Receipts deduplicated by activity, in first-seen order. */
export function uniqueReceipts(list: CoachReceipt[]): CoachReceipt[] {
  const seen = new Map<string, CoachReceipt>();
  for (const r of list) if (!seen.has(r.activityId)) seen.set(r.activityId, r);
  return [...seen.values()];
}

export function withheldNote(withheld: ToolResult['withheld']): string[] {
  return withheld
    .filter((w) => w.count > 0)
    .map(
      (w) =>
        `${w.count} ${w.source === 'strava' ? 'Strava' : w.source} ${w.count === 1 ? 'activity' : 'activities'} in this window cannot be used by the coach (the provider's terms); the athlete can bring them in with a Garmin export or file upload at Settings → Data.`,
    );
}
