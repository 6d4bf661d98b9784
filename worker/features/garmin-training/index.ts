// Planned workouts sent to the athlete's Garmin Connect through Garmin's Training API (ADR 057).
export { createGarminTraining } from './garmin-training.service';
export type { GarminTraining } from './garmin-training.service';
export { toGarminWorkout } from './garmin-workout.map';
