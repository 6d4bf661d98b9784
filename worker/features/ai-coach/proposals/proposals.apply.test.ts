// Propose → confirm → apply on real Postgres: the plan changes exactly once, through workout control (one
// change-log row, source ai_proposal, undone as one), never without the confirm, never twice (double
// click, two tabs at once), not after a reject; a failed apply rolls every action back and is retried.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { plannedWorkouts } from '../../../db/schema';
import { Harness } from '../../../testing/harness';
import { ACTION_LIMITS } from '../../plans';
import {
  auditActions,
  changesOf,
  input,
  noChat,
  proposalWorld,
  proposer,
  refusal,
  restorable,
  rows,
  threeActions,
  useUpHour,
} from './proposals.testing';

describe('proposals: confirm and apply', () => {
  it('golden path: nothing changes on propose; confirm applies once as one logged change; audit proposed → confirmed → applied', async () => {
    const h = Harness.init();
    const w = proposalWorld(h);
    const x = await proposer(h, w);
    const p = await w.proposals.propose(x.a, input(threeActions(x.open)), noChat);
    expect(p).toMatchObject({ status: 'proposed', planId: x.plan.id, planChangeId: null, error: null });
    // Cannot apply without confirm: the plan is as it was, no change logged.
    expect(await rows(h, x.plan.id)).toEqual(x.workouts);
    expect(await changesOf(h, x.plan.id)).toEqual([]);

    const applied = await w.proposals.confirm(x.viewer, p.id);
    expect(applied).toMatchObject({ status: 'applied', error: null });
    expect(applied.appliedAt).not.toBeNull();
    const changes = await changesOf(h, x.plan.id);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ id: applied.planChangeId, source: 'ai_proposal', action: 'proposal', actorId: x.a.id });
    expect(Object.keys(changes[0]!.after as object).sort()).toEqual(p.diff.map((d) => d.workoutId).sort());
    // The plan now reads as the diff said it would.
    const now = new Map((await rows(h, x.plan.id)).map((r) => [r.id, r]));
    for (const d of p.diff) {
      const r = now.get(d.workoutId)!;
      expect({ date: r.date, skipped: r.skipped, targetLoad: r.targetLoad, durationMin: Math.round(r.durationSec / 60) }).toEqual({
        date: d.after!.date,
        skipped: d.after!.skipped,
        targetLoad: d.after!.targetLoad,
        durationMin: d.after!.durationMin,
      });
    }
    expect(await auditActions(h, p.id)).toEqual(['coach.proposal.proposed', 'coach.proposal.confirmed', 'coach.proposal.applied']);

    // Cannot apply twice: a second confirm answers it as it is; still one change.
    expect(await w.proposals.confirm(x.viewer, p.id)).toEqual(applied);
    expect(await changesOf(h, x.plan.id)).toHaveLength(1);
    // An applied proposal is undone from the plan's history, not rejected.
    expect((await refusal(w.proposals.reject(x.viewer, p.id))).code).toBe('CONFLICT');

    // Undo through the change log restores every workout at once.
    await w.control.undo(x.by, x.plan.id, applied.planChangeId!);
    expect(restorable(await rows(h, x.plan.id))).toEqual(restorable(x.workouts));
  });

  it('two confirms at once (two tabs, a double click) apply exactly once', async () => {
    const h = Harness.init();
    const w = proposalWorld(h);
    const x = await proposer(h, w);
    const p = await w.proposals.propose(x.a, input(threeActions(x.open)), noChat);
    const [one, two] = await Promise.all([w.proposals.confirm(x.viewer, p.id), w.proposals.confirm(x.viewer, p.id)]);
    expect(one.status).toBe('applied');
    expect(two).toEqual(one);
    expect(await changesOf(h, x.plan.id)).toHaveLength(1);
    // Each workout was written once: its revision went up by one.
    const [moved] = await h.db.select().from(plannedWorkouts).where(eq(plannedWorkouts.id, x.open[0]!.id));
    expect(moved!.revision).toBe(x.open[0]!.revision + 1);
    expect((await auditActions(h, p.id)).filter((a) => a === 'coach.proposal.applied')).toHaveLength(1);
  });

  it('a rejected proposal cannot be confirmed; rejecting again answers it as it is', async () => {
    const h = Harness.init();
    const w = proposalWorld(h);
    const x = await proposer(h, w);
    const p = await w.proposals.propose(x.a, input(threeActions(x.open)), noChat);
    const rejected = await w.proposals.reject(x.viewer, p.id, 'Not this week');
    expect(rejected).toMatchObject({ status: 'rejected' });
    expect(await w.proposals.reject(x.viewer, p.id)).toEqual(rejected);
    const err = await refusal(w.proposals.confirm(x.viewer, p.id));
    expect(err.code).toBe('CONFLICT');
    expect(await rows(h, x.plan.id)).toEqual(x.workouts);
    expect(await auditActions(h, p.id)).toEqual(['coach.proposal.proposed', 'coach.proposal.rejected']);
  });

  it('an apply that fails after writing rolls every action back, keeps the proposal failed with its error, and a retry applies it', async () => {
    const h = Harness.init();
    const w = proposalWorld(h);
    const x = await proposer(h, w);
    const p = await w.proposals.propose(x.a, input(threeActions(x.open)), noChat);
    // The hour's moves are used up: the batch writes all three workouts, then its move unit is refused.
    const now = w.clock.now();
    await useUpHour(h, x.a.id, 'move', now, ACTION_LIMITS.move);
    const failed = await w.proposals.confirm(x.viewer, p.id);
    expect(failed).toMatchObject({ status: 'failed', planChangeId: null, appliedAt: null });
    expect(failed.error).toMatch(/move 10 workouts an hour/);
    expect(failed.confirmedAt).not.toBeNull();
    expect(await rows(h, x.plan.id)).toEqual(x.workouts);
    expect(await changesOf(h, x.plan.id)).toEqual([]);

    // The next hour: the retry applies it.
    w.at(new Date(now.getTime() + 3_600_000));
    const retried = await w.proposals.retry(x.viewer, p.id);
    expect(retried).toMatchObject({ status: 'applied', error: null });
    expect(await changesOf(h, x.plan.id)).toHaveLength(1);
    expect(await auditActions(h, p.id)).toEqual([
      'coach.proposal.proposed',
      'coach.proposal.confirmed',
      'coach.proposal.apply_failed',
      'coach.proposal.confirmed',
      'coach.proposal.applied',
    ]);
  });

  it('a workout changed since the proposal refuses the confirm: what applies is what the card showed', async () => {
    const h = Harness.init();
    const w = proposalWorld(h);
    const x = await proposer(h, w);
    const p = await w.proposals.propose(x.a, input(threeActions(x.open)), noChat);
    // The athlete halves the second workout by hand first.
    const edit = await w.control.edit(x.by, x.plan.id, x.open[1]!.id, { durationSec: Math.round(x.open[1]!.durationSec / 2) });
    const edited = await rows(h, x.plan.id);
    const failed = await w.proposals.confirm(x.viewer, p.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/changed since this was proposed/);
    expect(await rows(h, x.plan.id)).toEqual(edited);
    expect((await changesOf(h, x.plan.id)).map((c) => c.id)).toEqual([edit.id]);
  });

  it('a plan paused between propose and confirm fails the apply clearly; resumed, the retry applies', async () => {
    const h = Harness.init();
    const w = proposalWorld(h);
    const x = await proposer(h, w);
    const p = await w.proposals.propose(x.a, input(threeActions(x.open)), noChat);
    await w.control.setStatus(x.by, x.plan.id, 'paused');
    const failed = await w.proposals.confirm(x.viewer, p.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/paused/);
    expect(await rows(h, x.plan.id)).toEqual(x.workouts);
    await w.control.setStatus(x.by, x.plan.id, 'active');
    expect((await w.proposals.confirm(x.viewer, p.id)).status).toBe('applied');
  });
});
