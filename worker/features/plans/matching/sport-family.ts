// Which planned sport an activity can stand for. The activities vocabulary is already coarse: ingest
// folds trail, treadmill and virtual runs into 'run', and gravel, mountain, e-bike, virtual and indoor
// rides into 'ride' (sportFromType); the provider's own name survives only in `sportOriginal`.
import type { Sport as ActivitySport } from '../../activities';
import type { Sport } from '../plans.types.ts';

/** The planned sports an activity can complete on its own ('brick' takes one leg; 'rest' takes none). */
export type SportFamily = Exclude<Sport, 'brick' | 'rest'>;

/**
 * Every activity sport, mapped or deliberately unmapped (null: never matched automatically).
 * Walks and hikes are not run sessions, and 'other' (rowing, yoga, skiing, elliptical…) has no planned
 * counterpart; the athlete can still link one by hand.
 */
export const SPORT_FAMILY: Readonly<Record<ActivitySport, SportFamily | null>> = {
  run: 'run',
  ride: 'bike',
  swim: 'swim',
  strength: 'strength',
  walk: null,
  hike: null,
  other: null,
};

/** The family of an activity sport; null for unmapped sports and for anything the vocabulary lacks. */
export const familyOf = (sport: string): SportFamily | null =>
  Object.hasOwn(SPORT_FAMILY, sport) ? SPORT_FAMILY[sport as ActivitySport] : null;

/** How well an activity of `family` fits a planned sport: 1 exact, 0.6 one leg of a brick, null never. */
export function sportFit(planned: Sport, family: SportFamily | null): number | null {
  if (family === null || planned === 'rest') return null;
  if (planned === family) return 1;
  if (planned === 'brick' && (family === 'bike' || family === 'run')) return 0.6;
  return null;
}
