// Garmin Connect's Training API V2 (ADR 057): workouts the athlete's watch can follow and their place on the
// Garmin calendar. Only this adapter knows the paths; the wire JSON is in garmin-training.wire.ts.
import type { GarminWorkout } from './garmin-training.wire';

export interface GarminTrainingClient {
  /** POST /workoutportal/workout/v2 → Garmin's workout id. */
  createWorkout(accessToken: string, workout: GarminWorkout): Promise<string>;
  /** PUT /training-api/workout/v2/{id} with the full workout. */
  updateWorkout(accessToken: string, workoutId: string, workout: GarminWorkout): Promise<void>;
  /** DELETE /training-api/workout/v2/{id}; one already gone is not an error. */
  deleteWorkout(accessToken: string, workoutId: string): Promise<void>;
  /** POST /training-api/schedule/ { workoutId, date } → the schedule id. */
  createSchedule(accessToken: string, workoutId: string, date: string): Promise<string>;
  /** DELETE /training-api/schedule/{id}; one already gone is not an error. */
  deleteSchedule(accessToken: string, scheduleId: string): Promise<void>;
}

/** Garmin refused what we sent (400): its message is shown to the athlete; sending it again cannot help. */
export class GarminRefusedError extends Error {
  override name = 'GarminRefusedError';
}

/** Garmin no longer has this workout (deleted in Garmin Connect): the caller creates it again. */
export class GarminGoneError extends Error {
  override name = 'GarminGoneError';
}
