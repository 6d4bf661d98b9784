// The client plan section's shapes and words (PlanSection, its week calendar and its workout rows).
import type { BadgeTone } from '~/components/ui';
import { dayShort, weekdayMon0 } from '~/utils/analytics-format';
import { statusWords } from '~/utils/calendar';

export interface Week {
  week: number;
  startDate: string;
  phase: string;
}
export interface ClientPlan {
  athleteName: string;
  planEdit: boolean;
  plan: {
    id: string;
    goal: { kind: string; eventDate: string | null; eventName: string | null };
    startDate: string;
    endDate: string;
    weeks: Week[];
  } | null;
}
export type Plan = NonNullable<ClientPlan['plan']>;
export interface Workout {
  id: string;
  date: string;
  sport: string;
  type: string;
  title: string;
  durationSec: number;
  distanceM: number | null;
  steps: unknown[];
  skipped: boolean;
  status: 'pending' | 'completed' | 'missed' | 'skipped';
  compliance: { band: 'green' | 'yellow' | 'red' | null };
  /** The one verdict, the athlete's calendar card's and activity page's (issue 55). */
  verdict: { band: 'green' | 'yellow' | 'red' | null; by: 'steps' | 'ratio' };
}
/** A change on the client's plan: the path under the plan's routes, its body, what to say when done. */
export type OnChange = (path: string, body: unknown, done: string, method?: string) => Promise<boolean>;

export const GOALS: Record<string, string> = {
  run_5k: '5K',
  run_10k: '10K',
  run_half: 'Half marathon',
  run_marathon: 'Marathon',
  tri_sprint: 'Sprint triathlon',
  tri_olympic: 'Olympic triathlon',
  tri_70_3: '70.3',
  tri_full: 'Full-distance triathlon',
  bike_event: 'Bike event',
  general_fitness: 'General fitness',
};
export const PHASES: Record<string, string> = { base: 'Base', build: 'Build', peak: 'Peak', taper: 'Taper', recovery: 'Recovery week' };
export const STATUS: Record<Workout['status'], { label: string; tone: BadgeTone } | null> = {
  pending: null,
  completed: { label: 'Done', tone: 'success' },
  missed: { label: 'Missed', tone: 'danger' },
  skipped: { label: 'Skipped', tone: 'neutral' },
};
export const SPORTS: Record<string, string> = { run: 'Run', bike: 'Bike', swim: 'Swim', strength: 'Strength', brick: 'Brick' };
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** "Tue 3 Mar". */
export const weekday = (ymd: string) => `${WEEKDAYS[weekdayMon0(ymd)]} ${dayShort(ymd)}`;
/** "40 min", "1 h 35 min". */
export const length = (sec: number) => {
  const min = Math.round(sec / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
};
const BAND_TONE: Record<string, BadgeTone> = { green: 'success', yellow: 'warning', red: 'danger' };

/**
 * A workout's status badge; done, the verdict's words and colour, as the athlete's calendar card shows them
 * ("Done · Off target by its steps", issue 55). Null while pending.
 */
export function statusBadge(w: Workout): { label: string; tone: BadgeTone } | null {
  const band = w.status === 'completed' ? w.verdict.band : null;
  return band ? { label: statusWords(w), tone: BAND_TONE[band] ?? 'success' } : STATUS[w.status];
}

/** What a drag carries: a library workout to add, or a planned one to move. */
export const DRAG_TYPE = 'application/x-cadence-workout';
export type Dragged = { kind: 'library'; id: string; title: string } | { kind: 'planned'; id: string; title: string; date: string };
