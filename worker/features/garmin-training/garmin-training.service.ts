// Planned workouts on the athlete's Garmin (ADR 057): a separate consent on the Garmin connection, "Send to Garmin"
// per workout, and a queued sync that makes Garmin follow our plan — created, updated, rescheduled or removed.
import type { Db } from '../../db/client';
import type { Executor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import { sha256Hex } from '../../lib/crypto';
import { AppError, ErrorCode, ErrorReason, notFound } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { ProviderRateLimitedError } from '../../providers/file-provider/file-provider';
import { GarminGoneError, GarminRefusedError, type GarminTrainingClient } from '../../providers/garmin/garmin-training';
import { WORKOUT_IMPORT } from '../../providers/garmin/garmin-training.wire';
import { thresholdsInEffect } from '../analytics';
import type { Sport } from '../plans';
import type { WorkoutNode } from '../workouts';
import * as repo from './garmin-training.repo';
import { type GarminMapping, toGarminWorkout } from './garmin-workout.map';

export interface GarminTrainingDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Absent where the Garmin door is not configured. */
  client?: GarminTrainingClient;
  /** The athlete's Garmin token for `fn` (the door's upkeep: refresh, one retry after a refusal). */
  withToken: <T>(userId: string, fn: (accessToken: string) => Promise<T>) => Promise<T>;
  /** Queues `{ kind: 'garmin-training', userId }` on the ingest queue. */
  enqueue: (userId: string) => Promise<void>;
}

export interface GarminConsent {
  connected: boolean;
  /** The connection lets us add workouts (Garmin's WORKOUT_IMPORT permission). */
  workoutImport: boolean;
  enabled: boolean;
}

export interface GarminWorkoutState {
  consent: GarminConsent;
  /** Which workout: the page names it. */
  workout: { title: string; date: string; sport: string; current: boolean };
  status: 'not_sent' | 'queued' | 'sent' | 'failed' | 'removed';
  sentAt: string | null;
  scheduledDate: string | null;
  error: string | null;
  /** Whether this workout can go to Garmin at all (a sport and steps Garmin has). */
  sendable: boolean;
  unrepresentable: string[];
}

const off = (message: string) => new AppError(ErrorCode.CONFLICT, message, { reason: ErrorReason.GARMIN_WORKOUTS_OFF });

export function createGarminTraining(deps: GarminTrainingDeps) {
  async function consentOf(db: Executor, userId: string): Promise<GarminConsent> {
    const link = await repo.garminLink(db, userId);
    if (!link) return { connected: false, workoutImport: false, enabled: false };
    const workoutImport = link.scopes.split(' ').includes(WORKOUT_IMPORT);
    return { connected: true, workoutImport, enabled: workoutImport && !link.reconnectNeeded && link.consentAt !== null };
  }

  async function mapping(db: Executor, w: repo.WorkoutForGarmin): Promise<GarminMapping> {
    // The thresholds in effect on the workout's day, by analytics' one rule (a lapsed estimate sets no target: ADR 065).
    const t = await thresholdsInEffect(db, w.userId, w.date);
    return toGarminWorkout(
      { title: w.title, description: w.description, sport: w.sport as Sport, steps: (w.steps ?? []) as WorkoutNode[] },
      {
        ftpW: t.ftpW,
        thresholdSpeedMps: t.thresholdPaceSecPerKm ? 1000 / t.thresholdPaceSecPerKm : null,
        cssMps: t.cssSecPer100m ? 100 / t.cssSecPer100m : null,
        lthrBpm: t.lthrBpm,
      },
    );
  }

  async function state(userId: string, workoutId: string): Promise<GarminWorkoutState> {
    const w = await repo.workout(deps.db, userId, workoutId);
    if (!w) throw notFound('Workout');
    const [consent, row, m] = await Promise.all([consentOf(deps.db, userId), repo.send(deps.db, userId, workoutId), mapping(deps.db, w)]);
    return {
      consent,
      workout: { title: w.title, date: w.date, sport: w.sport, current: !w.skipped && w.planStatus === 'active' },
      status: row ? (row.status as GarminWorkoutState['status']) : 'not_sent',
      sentAt: row?.sentAt?.toISOString() ?? null,
      scheduledDate: row?.scheduledDate ?? null,
      error: row?.error ?? null,
      sendable: m.workout !== null,
      unrepresentable: m.unrepresentable,
    };
  }

  /** Makes Garmin match our workout under its row's lock: concurrent syncs of one workout run one after another. */
  async function syncOne(userId: string, workoutId: string): Promise<void> {
    const client = deps.client;
    if (!client) return;
    let retry: Error | null = null;
    await deps.db.transaction(async (tx) => {
      const row = await repo.send(tx, userId, workoutId, true);
      if (!row) return;
      const found = await repo.workout(tx, userId, workoutId);
      // Kept on Garmin while wanted, not removed, and of the active plan; otherwise removed there.
      const w = found && row.wanted && !found.skipped && found.planStatus === 'active' ? found : null;
      let ids = { workout: row.garminWorkoutId, schedule: row.garminScheduleId, date: row.scheduledDate, hash: row.contentHash };
      const save = (patch: Partial<repo.SendRow>) =>
        repo.update(tx, userId, workoutId, {
          garminWorkoutId: ids.workout,
          garminScheduleId: ids.schedule,
          scheduledDate: ids.date,
          contentHash: ids.hash,
          updatedAt: deps.clock.now(),
          ...patch,
        });
      try {
        if (!w) {
          if (!ids.workout && !ids.schedule) return save({ status: 'removed', error: null });
          await deps.withToken(userId, async (token) => {
            if (ids.schedule) await client.deleteSchedule(token, ids.schedule);
            ids = { ...ids, schedule: null, date: null };
            if (ids.workout) await client.deleteWorkout(token, ids.workout);
            ids = { ...ids, workout: null, hash: null };
          });
          return save({ status: 'removed', error: null });
        }
        const m = await mapping(tx, w);
        if (!m.workout) return save({ status: 'failed', error: m.unrepresentable[0] ?? 'Garmin cannot take this workout.' });
        const body = m.workout;
        const hash = await sha256Hex(JSON.stringify(body));
        await deps.withToken(userId, async (token) => {
          if (ids.workout && ids.hash !== hash) {
            try {
              await client.updateWorkout(token, ids.workout, body);
              ids = { ...ids, hash };
            } catch (err) {
              // Deleted in Garmin Connect: made again (its schedule went with it).
              if (!(err instanceof GarminGoneError)) throw err;
              ids = { workout: null, schedule: null, date: null, hash: null };
            }
          }
          let garminId = ids.workout;
          if (!garminId) {
            garminId = await client.createWorkout(token, body);
            ids = { workout: garminId, hash, schedule: null, date: null };
          }
          if (ids.schedule && ids.date !== w.date) {
            await client.deleteSchedule(token, ids.schedule);
            ids = { ...ids, schedule: null, date: null };
          }
          if (!ids.schedule) ids = { ...ids, schedule: await client.createSchedule(token, garminId, w.date), date: w.date };
        });
        await save({ status: 'sent', error: null, sentAt: deps.clock.now() });
      } catch (err) {
        // What Garmin refused is the athlete's to see; anything else is tried again by the queue, with what was done kept.
        const refused = err instanceof GarminRefusedError;
        const reconnect = err instanceof Error && err.name === 'DoorReconnectNeeded';
        // A connection only the athlete can mend is not retried: their reconnecting and the next change sync again.
        if (!refused && !reconnect) retry = err instanceof Error ? err : new Error('Garmin sync failed');
        const message = refused
          ? `Garmin refused this workout: ${err.message}`
          : err instanceof ProviderRateLimitedError
            ? 'Garmin is busy; Cadence will try again shortly.'
            : reconnect && err instanceof Error
              ? err.message
              : 'Garmin did not answer; Cadence will try again.';
        await save({ status: 'failed', error: message });
        deps.logger.warn('garmin training sync failed', { userId, errorName: err instanceof Error ? err.name : 'unknown' });
      }
    });
    if (retry) throw retry;
  }

  return {
    consent: (userId: string) => consentOf(deps.db, userId),

    /** Turns "Send planned workouts to Garmin" on (needs the Garmin connection with workout import) or off. */
    async setConsent(userId: string, enabled: boolean): Promise<GarminConsent> {
      if (enabled) {
        const link = await repo.garminLink(deps.db, userId);
        if (!link) throw off('Connect Garmin Connect on Data sources first.');
        if (!link.scopes.split(' ').includes(WORKOUT_IMPORT))
          throw off('Your Garmin connection does not let Cadence add workouts: connect again and allow workout import on Garmin’s page.');
        if (link.reconnectNeeded) throw off('Garmin no longer accepts Cadence’s access: connect again on Data sources.');
      }
      await repo.setConsent(deps.db, userId, enabled ? deps.clock.now() : null);
      return consentOf(deps.db, userId);
    },

    state,

    /**
     * "Send to Garmin": queued for the sync, which creates it and schedules it on its day. What Garmin cannot
     * represent must have been shown: without `acknowledged` such a workout is refused with the list.
     */
    async send(userId: string, workoutId: string, acknowledged: boolean): Promise<GarminWorkoutState> {
      const current = await state(userId, workoutId);
      if (!current.consent.enabled) throw off('Turn on “Send planned workouts to Garmin” in Settings → Data first.');
      const w = await repo.workout(deps.db, userId, workoutId);
      if (!w || w.skipped || w.planStatus !== 'active')
        throw new AppError(ErrorCode.CONFLICT, 'Only a workout of your active plan that is not removed can be sent.', {
          reason: ErrorReason.PLAN_NOT_ACTIVE,
        });
      if (!current.sendable)
        throw new AppError(ErrorCode.CONFLICT, current.unrepresentable.join(' '), { reason: ErrorReason.GARMIN_UNREPRESENTABLE });
      if (current.unrepresentable.length && !acknowledged)
        throw new AppError(ErrorCode.CONFLICT, `Before sending: ${current.unrepresentable.join(' ')}`, {
          reason: ErrorReason.GARMIN_UNREPRESENTABLE,
        });
      await repo.want(deps.db, userId, workoutId, deps.clock.now());
      await deps.enqueue(userId);
      return state(userId, workoutId);
    },

    /** Told after every change to the athlete's plan: a sync is queued when anything of theirs is on Garmin. */
    async planChanged(userId: string): Promise<void> {
      try {
        if ((await repo.sentWorkoutIds(deps.db, userId)).length) await deps.enqueue(userId);
      } catch (err) {
        deps.logger.warn('garmin training: could not queue a sync', { userId, errorName: err instanceof Error ? err.name : 'unknown' });
      }
    },

    /** The queued sync: every workout of the athlete with a copy at Garmin follows the plan (nothing while consent is off). */
    async sync(userId: string): Promise<void> {
      if (!(await consentOf(deps.db, userId)).enabled) return;
      let failed: unknown = null;
      for (const id of await repo.sentWorkoutIds(deps.db, userId)) {
        try {
          await syncOne(userId, id);
        } catch (err) {
          failed ??= err;
        }
      }
      if (failed) throw failed;
    },
  };
}

export type GarminTraining = ReturnType<typeof createGarminTraining>;
