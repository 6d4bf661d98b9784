// The thresholds an athlete enters: converted from their units to the stored SI value, with plausible
// ranges and dates checked before anything is written.

import { AppError, ErrorCode } from '../../lib/errors';
import { addDays } from '../../lib/dates';
import { formatMinSec, METRES_PER_UNIT } from '../../lib/format';
import type { ThresholdKind } from './analytics.types';

// Plausible ranges: a typo (FTP 2500, max HR 25) is refused rather than silently skewing every load.
const RANGES = {
  ftp: [30, 2000, 'W'],
  lthr: [60, 230, 'bpm'],
  max_hr: [80, 240, 'bpm'],
  resting_hr: [25, 120, 'bpm'],
} as const;

/** Converts the entered value to the stored SI value, refusing implausible numbers with a field error. */
export function thresholdValue(
  body: { kind: keyof typeof RANGES | 'threshold_pace' | 'css'; value?: number | undefined; paceSeconds?: number | undefined },
  units: 'km' | 'mi',
): number {
  const fail = (path: string, message: string) => new AppError(ErrorCode.VALIDATION, message, { fields: [{ path, message }] });
  if (body.kind === 'threshold_pace' || body.kind === 'css') {
    const s = body.paceSeconds;
    if (s === undefined) throw fail('paceSeconds', 'Enter the pace in seconds');
    const [min, max] = body.kind === 'css' ? [50, 300] : units === 'mi' ? [240, 1800] : [150, 1200];
    const per = body.kind === 'css' ? '100 m' : units;
    if (s < min || s > max) throw fail('paceSeconds', `Pace must be between ${formatMinSec(min)} and ${formatMinSec(max)} per ${per}`);
    return body.kind === 'css' ? 100 / s : METRES_PER_UNIT[units] / s;
  }
  const [min, max, unit] = RANGES[body.kind];
  if (body.value === undefined) throw fail('value', 'Enter a value');
  if (body.value < min || body.value > max) throw fail('value', `Must be between ${min} and ${max} ${unit}`);
  return body.value;
}

export interface ThresholdInput {
  kind: ThresholdKind;
  value?: number | undefined;
  paceSeconds?: number | undefined;
  effectiveFrom: string;
}

/** A threshold may be dated from 1900 up to a year ahead (a planned change); anything else is a typo. */
export function checkEffectiveFrom(date: string, today: string): void {
  if (date < '1900-01-01' || date > addDays(today, 366)) {
    const message = 'The date must be between 1900 and a year from today';
    throw new AppError(ErrorCode.VALIDATION, message, { fields: [{ path: 'effectiveFrom', message }] });
  }
}
