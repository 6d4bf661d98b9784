// Garmin Training's rows: the consent on the athlete's Garmin connection, the sent-workout mapping, and the reads
// a send needs (the workout with its plan's status; the thresholds are analytics').
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { garminWorkoutSends, plannedWorkouts, plans, providerConnections } from '../../db/schema';

export interface GarminLink {
  scopes: string;
  reconnectNeeded: boolean;
  consentAt: Date | null;
}

export async function garminLink(db: Executor, userId: string): Promise<GarminLink | null> {
  const [row] = await db
    .select({
      scopes: providerConnections.scopes,
      reconnectNeededAt: providerConnections.reconnectNeededAt,
      consentAt: providerConnections.workoutsConsentAt,
    })
    .from(providerConnections)
    .where(and(eq(providerConnections.userId, userId), eq(providerConnections.provider, 'garmin')));
  return row ? { scopes: row.scopes, reconnectNeeded: row.reconnectNeededAt !== null, consentAt: row.consentAt } : null;
}

export async function setConsent(db: Executor, userId: string, at: Date | null): Promise<boolean> {
  const rows = await db
    .update(providerConnections)
    .set({ workoutsConsentAt: at })
    .where(and(eq(providerConnections.userId, userId), eq(providerConnections.provider, 'garmin')))
    .returning({ id: providerConnections.id });
  return rows.length > 0;
}

export interface WorkoutForGarmin {
  id: string;
  userId: string;
  date: string;
  sport: string;
  title: string;
  description: string;
  steps: unknown;
  skipped: boolean;
  planStatus: string;
}

/** The athlete's own workout (another athlete's reads as none). */
export async function workout(db: Executor, userId: string, workoutId: string): Promise<WorkoutForGarmin | null> {
  const [row] = await db
    .select({
      id: plannedWorkouts.id,
      userId: plannedWorkouts.userId,
      date: plannedWorkouts.date,
      sport: plannedWorkouts.sport,
      title: plannedWorkouts.title,
      description: plannedWorkouts.description,
      steps: plannedWorkouts.steps,
      skipped: plannedWorkouts.skipped,
      planStatus: plans.status,
    })
    .from(plannedWorkouts)
    .innerJoin(plans, eq(plans.id, plannedWorkouts.planId))
    .where(and(eq(plannedWorkouts.id, workoutId), eq(plannedWorkouts.userId, userId)));
  return row ?? null;
}

export type SendRow = typeof garminWorkoutSends.$inferSelect;

export async function send(db: Executor, userId: string, workoutId: string, lock = false): Promise<SendRow | null> {
  const q = db
    .select()
    .from(garminWorkoutSends)
    .where(and(eq(garminWorkoutSends.userId, userId), eq(garminWorkoutSends.workoutId, workoutId)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** Wanted (again): queued for the consumer; the Garmin ids stay so an update replaces rather than duplicates. */
export async function want(db: Executor, userId: string, workoutId: string, now: Date): Promise<void> {
  await db
    .insert(garminWorkoutSends)
    .values({ userId, workoutId, wanted: true, status: 'queued', updatedAt: now })
    .onConflictDoUpdate({
      target: [garminWorkoutSends.userId, garminWorkoutSends.workoutId],
      set: { wanted: true, status: 'queued', error: null, updatedAt: now },
    });
}

export async function update(
  db: Executor,
  userId: string,
  workoutId: string,
  patch: Partial<Omit<SendRow, 'userId' | 'workoutId'>>,
): Promise<void> {
  await db
    .update(garminWorkoutSends)
    .set({ ...patch, updatedAt: patch.updatedAt ?? sql`now()` })
    .where(and(eq(garminWorkoutSends.userId, userId), eq(garminWorkoutSends.workoutId, workoutId)));
}

/** The athlete's workouts that have (or are meant to have) a copy at Garmin. */
export async function sentWorkoutIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ workoutId: garminWorkoutSends.workoutId })
    .from(garminWorkoutSends)
    .where(
      and(eq(garminWorkoutSends.userId, userId), sql`(${garminWorkoutSends.wanted} or ${garminWorkoutSends.garminWorkoutId} is not null)`),
    );
  return rows.map((r) => r.workoutId);
}
