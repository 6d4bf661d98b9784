// Adaptive plans (issue 58, ADR 103): the pass that reads the athlete's real days, asks the engine what each
// trigger changes and keeps one proposal per trigger; then who decides. The athlete confirms or dismisses; small
// changes apply on their own when they opted in (still listed, undoable); a coached athlete's go to the coach
// first. Every change is applied through workout control (one log row, one undo) — or, for a moved race, a rebuild.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { addDays, todayIn } from '../../../lib/dates';
import { AppError, ErrorCode, ErrorReason, notFound } from '../../../lib/errors';
import type { DataUse } from '../../activities';
import type { Athlete } from '../../analytics';
import type { ChangeBy, WorkoutControl, WorkoutStep } from '../control';
import type { RebuildService } from '../rebuild';
import { createPlansRepo, type PlanRow } from '../plans.repo';
import { createAdaptRepo, type AdaptationRow, type AdaptationStatus } from './adapt.repo';
import { type CalendarReader, MORNINGS, readRange, stateOf } from './adapt-state';
import type { AdaptStep, Proposal, Trigger } from './adapt.types';
import { triggersOf, type ThresholdSnapshot, thresholdTriggers } from './adapt-triggers';
import { replan } from './replan.calc';
import { dayWords, presentAll, stepWords, stepWorkoutId, workoutBriefs } from './adapt.present';
import { drainDue } from './adapt-drain';

export interface AdaptDeps {
  db: Db;
  clock: Clock;
  calendar: CalendarReader;
  wellness: { lowMornings(a: Athlete, days: number): Promise<(boolean | null)[]> };
  /** Tonight's CTL and ATL once fitness is established (ADR 044), else null: the taper's form check stays silent. */
  fitness: (a: Athlete, use: DataUse) => Promise<{ ctl: number; atl: number } | null>;
  /** The athlete's thresholds in effect on a day (a new estimate is a trigger). */
  thresholds: (userId: string, day: string) => Promise<ThresholdSnapshot>;
  control: Pick<WorkoutControl, 'applyBatch' | 'undo'>;
  rebuild: Pick<RebuildService, 'moveEvent'>;
  /** Tells the athlete (or their coach) of new proposals; never fails the pass. */
  notify?: (a: Athlete, rows: AdaptationRow[], to: 'athlete' | 'coach') => Promise<void>;
}

type Coach = { orgId: string; wellness: boolean } | null;

const decided = () => new AppError(ErrorCode.CONFLICT, 'This change was already decided.', { reason: ErrorReason.PROPOSAL_DECIDED });

/** Workout control's steps for the engine's (a rebuild is not one of them). */
const controlSteps = (steps: AdaptStep[]): WorkoutStep[] => steps.flatMap((s): WorkoutStep[] => (s.kind === 'rebuild' ? [] : [s]));

export function createAdaptService(deps: AdaptDeps) {
  const repo = () => createAdaptRepo(deps.db);
  const now = () => deps.clock.now();

  /** Applies a proposal's steps as one change (one undo), or rebuilds the plan to a moved race's date. */
  async function apply(a: Athlete, plan: PlanRow, row: AdaptationRow, by: ChangeBy): Promise<string | null> {
    const steps = row.steps as AdaptStep[];
    const rebuild = steps.find((s) => s.kind === 'rebuild');
    if (rebuild) {
      await deps.rebuild.moveEvent(a, plan.id, rebuild.eventDate);
      return null;
    }
    if (steps.length === 0) return null;
    const change = await deps.control.applyBatch({ ...by, reason: row.reason }, plan.id, controlSteps(steps), {
      action: 'adapt',
      unmetered: true,
    });
    return change.id;
  }

  const athleteBy = (a: Athlete, source: 'athlete' | 'system'): ChangeBy => ({
    athlete: { id: a.id, timeZone: a.timeZone },
    actorId: a.id,
    source,
  });

  const briefsOf = (userId: string, planId: string, steps: AdaptStep[]) => workoutBriefs(deps.db, userId, planId, steps);
  /** Rows as the API answers them. */
  const present = (userId: string, rows: AdaptationRow[]) => presentAll(deps.db, userId, rows);

  /** Keeps what is new; applies the small ones of an athlete who opted in; tells whoever decides. */
  async function keep(a: Athlete, plan: PlanRow, proposals: Proposal[], coach: Coach): Promise<AdaptationRow[]> {
    const r = repo();
    const fresh = [...new Map(proposals.map((p) => [p.key, p])).values()];
    const known = await r.keys(
      plan.id,
      fresh.map((p) => p.key),
    );
    const todo = fresh.filter((p) => !known.has(p.key));
    if (todo.length === 0) return [];
    // Each step in words as the workout stands now: after it applies, the list still says what it did.
    const briefs = await briefsOf(
      a.id,
      plan.id,
      todo.flatMap((p) => p.steps),
    );
    for (const p of todo) {
      p.steps = p.steps.map((s) => ({ ...s, words: stepWords(s, briefs.get(stepWorkoutId(s) ?? '')) }));
      p.reason = dayWords(p.reason);
    }
    // A coach sees what was read for them; readiness only when the athlete shares their wellness with them (else the
    // athlete decides it alone). A note changes nothing: the athlete reads it; a coached athlete's changes wait for the coach.
    const coachSees = (p: Proposal) => coach !== null && (p.trigger.kind !== 'readiness' || coach.wellness);
    const status = (p: Proposal): AdaptationStatus => (coachSees(p) && p.steps.length > 0 ? 'awaiting_coach' : 'proposed');
    const rows = await r.insertProposals(
      plan.id,
      a.id,
      todo.map((p) => ({ ...p, status: status(p), coachVisible: coachSees(p) })),
    );
    const out: AdaptationRow[] = [];
    for (const row of rows) {
      if (row.status === 'proposed' && row.small && plan.adaptAuto && (row.steps as AdaptStep[]).length > 0) {
        try {
          const changeId = await apply(a, plan, row, athleteBy(a, 'system'));
          out.push(
            (await r.decide(a.id, row.id, ['proposed'], { status: 'applied', decidedBy: null, at: now(), changeId, auto: true })) ?? row,
          );
          continue;
        } catch (e) {
          // Not applied on its own (a limit, the membership, a workout done meanwhile): it waits for the athlete.
          if (!(e instanceof AppError)) throw e;
        }
      }
      out.push(row);
    }
    const toCoach = out.filter((x) => x.status === 'awaiting_coach');
    const toAthlete = out.filter((x) => x.status !== 'awaiting_coach');
    if (toAthlete.length) await deps.notify?.(a, toAthlete, 'athlete');
    if (toCoach.length) await deps.notify?.(a, toCoach, 'coach');
    return out;
  }

  /** The pass: every trigger the athlete's days hold now (and `extra`), through the engine, kept once each. */
  async function pass(a: Athlete, extra: Trigger[] = []): Promise<AdaptationRow[]> {
    const plans = createPlansRepo(deps.db);
    const plan = await plans.activePlan(a.id);
    const today = todayIn(a.timeZone, now());
    const r = repo();
    if (!plan) {
      await r.markRead(a.id, { day: today, version: a.version, thresholds: null, at: now() });
      return [];
    }
    const range = readRange(today);
    // A coach decides a coached athlete's changes: the pass reads only what a coach may see (never Strava's API data).
    const coach = await repo().planEditor(a.id);
    const use = coach ? 'coach' : 'analytics';
    const [calendar, fitness, mornings, notes, thresholds, last] = await Promise.all([
      deps.calendar.read(a, range.from, range.to, use),
      deps.fitness(a, use),
      deps.wellness.lowMornings(a, MORNINGS),
      r.notes(a.id, addDays(today, -14)),
      deps.thresholds(a.id, today),
      r.read(a.id),
    ]);
    const state = { ...stateOf({ today, plan, calendar, mornings, notes }), ...(fitness ? { fitness } : {}) };
    const triggers = [
      ...triggersOf(state),
      ...thresholdTriggers(last?.thresholds as ThresholdSnapshot | null, thresholds, today),
      ...extra,
    ];
    const kept = await keep(
      a,
      plan,
      triggers.flatMap((t) => replan(state, t)),
      coach,
    );
    await r.markRead(a.id, { day: today, version: a.version, thresholds, at: now() });
    return kept;
  }

  /** The athlete's own active plan (a note or a moved race is about the plan they follow), else not found. */
  async function activePlan(a: Athlete, planId: string): Promise<PlanRow> {
    const plan = await createPlansRepo(deps.db).plan(a.id, planId);
    if (!plan || plan.status !== 'active') throw notFound('Plan');
    return plan;
  }

  /** The athlete's proposal on that plan: anyone else's, or another plan's, is not found. */
  async function owned(a: Athlete, planId: string, id: string): Promise<{ row: AdaptationRow; plan: PlanRow }> {
    const row = await repo().one(a.id, id);
    if (!row || row.planId !== planId) throw notFound('Plan change');
    const plan = await createPlansRepo(deps.db).plan(a.id, row.planId);
    if (!plan) throw notFound('Plan change');
    return { row, plan };
  }

  /** Decides a proposal: applied through `by` (its steps, or the coach's edit of them), or set aside. */
  async function decide(
    a: Athlete,
    planId: string,
    id: string,
    from: AdaptationStatus[],
    how: { apply: ChangeBy | null; status: AdaptationStatus; steps?: AdaptStep[] },
  ) {
    const { row, plan } = await owned(a, planId, id);
    if (!from.includes(row.status)) throw decided();
    const r = repo();
    if (!how.apply)
      return (
        (await r.decide(a.id, id, from, { status: how.status, decidedBy: how.status === 'dismissed' ? a.id : null, at: now() })) ??
        Promise.reject(decided())
      );
    const changeId = await apply(a, plan, how.steps ? { ...row, steps: how.steps } : row, how.apply);
    const done = await r.decide(a.id, id, from, {
      status: how.status,
      decidedBy: how.apply.actorId,
      at: now(),
      changeId,
      ...(how.steps ? { steps: how.steps } : {}),
    });
    // A decision that lost a race to another (two taps at once) undoes its own change: one of them stands.
    if (!done) {
      if (changeId) await deps.control.undo(how.apply, plan.id, changeId);
      throw decided();
    }
    return done;
  }

  return {
    pass,
    present,

    /** The minute pass (adapt-drain.ts): `limit` due athletes at most, within `budgetMs`. */
    drain: (limit: number, budgetMs: number) =>
      drainDue({ due: () => repo().due(limit, now()), touch: (id) => repo().touch(id, now()), pass }, budgetMs),
    /** The plan's proposals, newest first, whether small ones apply on their own, whether a coach decides; `coachOnly`: what the coach may list. */
    list: async (a: Athlete, planId: string, opts: { limit?: number; coachOnly?: boolean } = {}) => {
      const plan = await createPlansRepo(deps.db).plan(a.id, planId);
      if (!plan) throw notFound('Plan');
      const [rows, coach] = await Promise.all([repo().list(a.id, planId, opts.limit ?? 50, opts.coachOnly), repo().planEditor(a.id)]);
      return { auto: plan.adaptAuto, waitsForCoach: coach !== null, items: await present(a.id, rows) };
    },

    confirm: (a: Athlete, planId: string, id: string) =>
      decide(a, planId, id, ['proposed'], { apply: athleteBy(a, 'athlete'), status: 'applied' }),
    dismiss: (a: Athlete, planId: string, id: string) => decide(a, planId, id, ['proposed'], { apply: null, status: 'dismissed' }),

    /** The coach's yes (with their edit of the steps, if any): applied as the coach's change, on the org's Team. */
    approve: (a: Athlete, planId: string, id: string, by: ChangeBy, steps?: AdaptStep[]) =>
      decide(a, planId, id, ['awaiting_coach'], { apply: by, status: 'applied', ...(steps ? { steps } : {}) }),
    refuse: async (a: Athlete, planId: string, id: string, coachId: string) => {
      const { row } = await owned(a, planId, id);
      if (row.status !== 'awaiting_coach') throw decided();
      return (
        (await repo().decide(a.id, id, ['awaiting_coach'], { status: 'refused', decidedBy: coachId, at: now() })) ??
        Promise.reject(decided())
      );
    },

    /** Undoes an applied change (its log row, workout control's undo rules); a rebuild is not undone. */
    undo: async (a: Athlete, planId: string, id: string, by: ChangeBy = athleteBy(a, 'athlete')) => {
      const { row, plan } = await owned(a, planId, id);
      if (row.status !== 'applied')
        throw new AppError(ErrorCode.CONFLICT, 'Only an applied change is undone.', { reason: ErrorReason.UNDO_CONFLICT });
      if (!row.changeId)
        throw new AppError(ErrorCode.CONFLICT, 'A rebuild is not undone: the plan it replaced is kept, cancelled, with its history.', {
          reason: ErrorReason.UNDO_CONFLICT,
        });
      await deps.control.undo(by, plan.id, row.changeId);
      return (
        (await repo().decide(a.id, id, ['applied'], { status: 'undone', decidedBy: by.actorId, at: now() })) ?? Promise.reject(decided())
      );
    },

    setAuto: async (a: Athlete, planId: string, on: boolean) => {
      const done = await repo().setAuto(a.id, planId, on);
      if (!done) throw notFound('Plan');
      return done;
    },

    /** An illness or injury noted: intensity pauses and comes back gradually, as proposals. */
    addHealthNote: async (
      a: Athlete,
      planId: string,
      n: { kind: 'illness' | 'injury'; from: string; to: string | null; note: string | null },
    ) => {
      await activePlan(a, planId);
      const note = await repo().addNote({ userId: a.id, kind: n.kind, fromDay: n.from, toDay: n.to, note: n.note });
      return { note, proposals: await pass(a, [{ kind: 'health', noteId: note.id }]) };
    },
    endHealthNote: async (a: Athlete, planId: string, id: string, to: string) => {
      await activePlan(a, planId);
      const note = await repo().endNote(a.id, id, to);
      if (!note) throw notFound('Note');
      return { note, proposals: await pass(a, [{ kind: 'health', noteId: note.id }]) };
    },
    healthNotes: async (a: Athlete, planId: string) => {
      await activePlan(a, planId);
      return repo().notes(a.id, addDays(todayIn(a.timeZone, now()), -60));
    },

    /** The race moved: a proposal to make the weeks from today again for its new date (the taper moves with it). */
    moveRace: async (a: Athlete, planId: string, to: string) => {
      const plan = await activePlan(a, planId);
      if (!plan.eventDate) throw new AppError(ErrorCode.VALIDATION, 'This plan has no race date to move.');
      if (to === plan.eventDate) return [];
      return pass(a, [{ kind: 'race_moved', from: plan.eventDate, to }]);
    },
  };
}

export type AdaptService = ReturnType<typeof createAdaptService>;
