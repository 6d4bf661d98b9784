// Form (TSB) and ramp-rate bands, shared by the insights and the dashboard legend.
// A value exactly on a boundary belongs to the band nearer zero (e.g. TSB −10 is neutral, ramp 8 is high).

import type { FormStatus, RampBand } from '../analytics.types';

export interface Band<T extends string> {
  status: T;
  /** Lower edge, null when open (an edge value belongs to the band nearer zero). */
  min: number | null;
  /** Upper edge, null when open. */
  max: number | null;
}

export const FORM_BANDS: readonly Band<FormStatus>[] = [
  { status: 'fresh', min: 5, max: null },
  { status: 'neutral', min: -10, max: 5 },
  { status: 'productive', min: -30, max: -10 },
  { status: 'overreaching', min: null, max: -30 },
];

export function formStatus(tsb: number): FormStatus {
  if (tsb > 5) return 'fresh';
  if (tsb >= -10) return 'neutral';
  if (tsb >= -30) return 'productive';
  return 'overreaching';
}

/** CTL points per 7 days. */
export const RAMP_BANDS: readonly Band<RampBand>[] = [
  { status: 'detraining', min: null, max: -2 },
  { status: 'maintaining', min: -2, max: 2 },
  { status: 'building', min: 2, max: 5 },
  { status: 'high', min: 5, max: 8 },
  { status: 'very_high', min: 8, max: null },
];

export function rampBand(ramp: number): RampBand {
  if (ramp < -2) return 'detraining';
  if (ramp <= 2) return 'maintaining';
  if (ramp <= 5) return 'building';
  if (ramp <= 8) return 'high';
  return 'very_high';
}
