// One activity's time in zones from its stored histograms (ADR 067), with the zone model the activity page's
// zones use (streams/zones.calc.ts) and the threshold its load used on its day.
import type { Sport } from '../../activities';
import type { ThresholdKind, ZoneHistograms } from '../analytics.types';
import { histogramZones } from '../calc/zone-histogram.calc';
import { hrModel, ZONE_MODELS, type ThresholdUsed } from '../streams/zones.calc';

export type TrendBasis = 'hr' | 'power' | 'pace';

interface Model {
  basis: ThresholdKind;
  bounds: readonly number[];
  names: readonly string[];
}

/** The zone model a basis uses for a sport given the thresholds at hand (the activity page's choice, zones.calc). */
export function modelFor(basis: TrendBasis, sport: Sport, has: (k: ThresholdKind) => boolean): Model | null {
  if (basis === 'power') return ZONE_MODELS.POWER;
  if (basis === 'pace') return sport === 'run' ? ZONE_MODELS.RUN_PACE : sport === 'swim' ? ZONE_MODELS.SWIM_PACE : null;
  return hrModel(sport, has);
}

const CHANNEL: Record<TrendBasis, keyof ZoneHistograms> = { hr: 'hr', power: 'power', pace: 'speed' };

export type ActivityZones =
  | { state: 'ok'; threshold: ThresholdUsed; bounds: readonly number[]; names: readonly string[]; seconds: number[] }
  | { state: 'no_stream' | 'no_threshold' };

/**
 * One activity's seconds per zone of `basis`, from its histograms and the threshold `thresholdOf` gives
 * (the one its load used, zones.calc `zoneThreshold`). Max-HR zones are never below the activity's own
 * maximum, as on the activity page.
 */
export function activityZones(
  basis: TrendBasis,
  sport: Sport,
  hist: ZoneHistograms,
  thresholdOf: (kind: ThresholdKind) => ThresholdUsed | null,
): ActivityZones {
  const h = hist[CHANNEL[basis]];
  if (!h) return { state: 'no_stream' };
  const model = modelFor(basis, sport, (k) => thresholdOf(k) !== null);
  const found = model && thresholdOf(model.basis);
  if (!model || !found) return { state: 'no_threshold' };
  const used: ThresholdUsed = model.basis === 'max_hr' && h.max > found.value ? { ...found, value: h.max, raisedBy: 'own_max_hr' } : found;
  return { state: 'ok', threshold: used, bounds: model.bounds, names: model.names, seconds: histogramZones(h, used.value, model.bounds) };
}
