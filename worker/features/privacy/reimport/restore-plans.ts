// The restore's last steps (ADR 041): plans with their workouts and change history, then the athlete's wellness days,
// each under ids derived from the account and the archive's id.
import { planChanges, plannedWorkouts, plans, wellnessReadings } from '../../../db/schema';
import type { ActivityId, Run } from './restore-run';

/** The athlete's days: every reading under a derived id; a reading already here for the same day, source and field stays. */
export async function restoreWellness({ repo, userId, report, all, mapId }: Run): Promise<void> {
  const rows = await Promise.all((await all(wellnessReadings)).map(async (r) => ({ ...r, id: await mapId(r.id), user_id: userId })));
  report.wellness = await repo.insertMany(wellnessReadings, rows);
}

export async function restorePlans({ repo, userId, manifest, report, ids, all, mapId }: Run, activity: ActivityId): Promise<void> {
  // Plans, their workouts and their change history, under derived ids (ids inside the history remapped too).
  const planRows = await all(plans);
  const workoutRows = await all(plannedWorkouts);
  const changeRows = await all(planChanges);
  for (const r of [...planRows, ...workoutRows, ...changeRows]) await mapId(r.id);
  const active = await repo.activePlanId(userId);
  const restoredPlans = planRows.map((r) => {
    const id = ids.get(String(r.id))!;
    const keepsActive = r.status !== 'active' || active === null || active === id;
    if (!keepsActive) report.plans.pausedBecauseActive = true;
    return {
      ...r,
      id,
      user_id: userId,
      status: keepsActive ? r.status : 'paused',
      replaced_by: r.replaced_by ? (ids.get(String(r.replaced_by)) ?? null) : null,
    };
  });
  report.plans.restored = await repo.insertMany(plans, restoredPlans);
  report.plans.workouts = await repo.insertMany(
    plannedWorkouts,
    workoutRows.map((r) => ({
      ...r,
      id: ids.get(String(r.id)),
      plan_id: ids.get(String(r.plan_id)),
      user_id: userId,
      linked_activity_id: activity(r.linked_activity_id),
    })),
  );
  report.plans.changes = await repo.insertMany(
    planChanges,
    changeRows.map((r) => ({
      ...r,
      id: ids.get(String(r.id)),
      plan_id: ids.get(String(r.plan_id)),
      user_id: userId,
      // The athlete's own changes stay theirs; a coach's name does not travel to another account.
      actor_id: r.actor_id === manifest.accountId ? userId : null,
      undo_of: r.undo_of ? (ids.get(String(r.undo_of)) ?? null) : null,
      before: remapIds(r.before, ids),
      after: remapIds(r.after, ids),
    })),
  );
}

/** Strings anywhere in a JSON value (object keys included) that are archive ids, replaced by their new ids. */
function remapIds(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => remapIds(v, ids));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [ids.get(k) ?? k, remapIds(v, ids)]));
  return value;
}
