// Library rows → the API's JSON (the coach's and the athlete's routes show the same thing).
import type { Sport, StepNode, Target, WorkoutType } from '../plans';
import type { LibraryRow, TemplateRow } from './library.repo';
import type { StoredItem } from './templates.service';

export const presentLibraryWorkout = (w: LibraryRow) => ({
  id: w.id,
  sport: w.sport as Sport,
  type: w.type as WorkoutType,
  title: w.title,
  description: w.description,
  durationSec: w.durationSec,
  distanceM: w.distanceM,
  targetLoad: w.targetLoad,
  intensity: w.intensity as Target | null,
  steps: w.steps as StepNode[],
  folder: w.folder,
  tags: w.tags,
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
});

export const presentTemplate = (t: TemplateRow) => ({
  id: t.id,
  name: t.name,
  weeks: t.weeks,
  items: (t.items as StoredItem[]).map((i) => ({
    week: i.week,
    weekday: i.weekday,
    libraryWorkoutId: i.libraryWorkoutId,
    title: i.workout.title,
  })),
  createdAt: t.createdAt.toISOString(),
});
