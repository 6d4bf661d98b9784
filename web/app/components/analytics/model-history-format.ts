// How a model-history point's threshold reads (shared by the card, server-rendered, and its client-only chart).
import type { Units } from '~/utils/analytics';
import { pace } from '~/utils/analytics-format';
import type { ModelPointView } from './ModelHistoryCard';

/** The threshold as the athlete reads it: watts, or pace in their units. */
export function thresholdText(p: ModelPointView, sport: 'ride' | 'run', units: Units): string {
  if (p.threshold === null) return '—';
  return sport === 'ride' ? `${Math.round(p.threshold)} W` : (pace(p.thresholdPace, units) ?? '—');
}
