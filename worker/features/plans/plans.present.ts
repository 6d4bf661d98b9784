// Plan rows as the API's JSON (and the words a plan is known by), shared by the athlete's routes, the
// coach's view of a client's plan, the weekly summary email and the exports.
import { changeDetails } from './change-diff';
import type { PlansService } from './plans.service';
import type { ChangeRow, PlanRow } from './plans.repo';
import type { GeneratorInput, Slot, Target } from './plans.types';
import type { RebuildAdvice } from './rebuild';
import type { EditWarning } from './adapt/edit-warnings.calc';

export const presentPlan = (p: PlanRow, rebuild?: RebuildAdvice) => ({
  id: p.id,
  goal: { kind: p.goalKind, eventDate: p.eventDate, eventName: p.eventName },
  status: p.status,
  startDate: p.startDate,
  endDate: p.endDate,
  weeks: p.weeks as Record<string, unknown>[],
  rules: p.rules as string[],
  raceDayTsb: p.raceDayTsb,
  fitnessSource: (p.inputs as GeneratorInput).fitness.source,
  ...(rebuild === undefined ? {} : { rebuild }),
});

export const presentDay = (d: Awaited<ReturnType<PlansService['calendar']>>[number]) => ({
  id: d.workout.id,
  date: d.workout.date,
  slot: d.workout.slot as Slot | null,
  sport: d.workout.sport,
  type: d.workout.type,
  title: d.workout.title,
  description: d.workout.description,
  durationSec: d.workout.durationSec,
  distanceM: d.workout.distanceM,
  targetLoad: d.workout.targetLoad,
  intensity: d.workout.intensity as Target | null,
  steps: d.workout.steps as Record<string, unknown>[],
  phase: d.workout.phase,
  week: d.workout.week,
  why: d.workout.why,
  skipped: d.workout.skipped,
  linkMode: d.workout.linkMode as 'manual' | 'unlinked' | null,
  revision: d.workout.revision,
  status: d.compliance.status,
  compliance: { band: d.compliance.band, ratio: d.compliance.ratio, by: d.compliance.by },
  activityId: d.activity?.id ?? null,
  doneAt: d.workout.doneAt?.toISOString() ?? null,
  doneNote: d.workout.doneNote,
  doneRpe: d.workout.doneRpe,
});

const ROLE_OF = { athlete: 'athlete', coach: 'coach', ai_proposal: 'ai', system: 'system' } as const;

export const presentChange = (ch: ChangeRow & { warnings?: EditWarning[] }) => ({
  id: ch.id,
  action: ch.action,
  source: ch.source,
  reason: ch.reason,
  undone: ch.undoneAt !== null,
  workoutIds: Object.keys({ ...(ch.before as object), ...(ch.after as object) }),
  createdAt: ch.createdAt.toISOString(),
  actor: ch.actorId ? { id: ch.actorId, name: ch.actorName ?? '', role: ROLE_OF[ch.source] } : null,
  ...changeDetails(ch),
  ...(ch.warnings ? { warnings: ch.warnings } : {}),
});

export { goalLabel } from './goal-label';
