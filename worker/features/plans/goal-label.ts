// The words a plan is known by, in a leaf of their own: the plan notices (called by the service) and the
// presenters (which name the service's types) both use them without closing an import cycle.
import type { PlanRow } from './plans.repo';
import type { GoalKind } from './plans.types';

const GOAL_LABEL: Record<GoalKind, string> = {
  run_5k: '5K run',
  run_10k: '10K run',
  run_half: 'Half marathon',
  run_marathon: 'Marathon',
  tri_sprint: 'Sprint triathlon',
  tri_olympic: 'Olympic triathlon',
  tri_70_3: 'Half-distance triathlon (70.3)',
  tri_full: 'Full-distance triathlon',
  bike_event: 'Cycling event',
  general_fitness: 'General fitness',
};

/** "Spring 10K (10K run), 2026-05-03": the plan's name in notifications, the calendar feed and the PDF. */
export const goalLabel = (p: Pick<PlanRow, 'goalKind' | 'eventName' | 'eventDate'>): string => {
  const kind = GOAL_LABEL[p.goalKind as GoalKind] ?? p.goalKind;
  const event = p.eventName ? `${p.eventName} (${kind})` : kind;
  return p.eventDate ? `${event}, ${p.eventDate}` : event;
};
