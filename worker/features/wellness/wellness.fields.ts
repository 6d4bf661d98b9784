// Every field of the athlete's day: its stored unit, the range a value must fall in, and for the small ordinal
// scales their words. One list, read by the check-in's validation, the day's answer and the N=1 engine.

/** Where a reading came from. A check-in wins over any import for the same field (the page says which). */
export const WELLNESS_SOURCES = ['checkin', 'garmin', 'polar', 'garmin_export', 'fit'] as const;
export type WellnessSource = (typeof WELLNESS_SOURCES)[number];

/** Ordinal scales of four, higher = more of what the field names (intervals.icu's fields, worded plainly). */
export const SCALES = {
  sleepQuality: ['Poor', 'OK', 'Good', 'Great'],
  soreness: ['None', 'A little', 'Sore', 'Very sore'],
  fatigue: ['Fresh', 'Normal', 'Tired', 'Very tired'],
  stress: ['Low', 'Normal', 'High', 'Very high'],
  mood: ['Low', 'OK', 'Good', 'Great'],
  motivation: ['Low', 'Some', 'High', 'Very high'],
} as const;
export type ScaleField = keyof typeof SCALES;

export interface NumericField {
  /** Stored unit (SI-ish: seconds, kg, bpm, ms, %). */
  unit: 's' | 'kg' | 'bpm' | 'ms' | '%' | 'scale' | 'flag' | 'score' | 'count' | 'ml/kg/min';
  min: number;
  max: number;
  label: string;
}

export const NUMERIC_FIELDS = {
  sleepS: { unit: 's', min: 0, max: 24 * 3600, label: 'Sleep' },
  sleepQuality: { unit: 'scale', min: 1, max: 4, label: 'Sleep quality' },
  soreness: { unit: 'scale', min: 1, max: 4, label: 'Soreness' },
  fatigue: { unit: 'scale', min: 1, max: 4, label: 'Fatigue' },
  stress: { unit: 'scale', min: 1, max: 4, label: 'Stress' },
  mood: { unit: 'scale', min: 1, max: 4, label: 'Mood' },
  motivation: { unit: 'scale', min: 1, max: 4, label: 'Motivation' },
  injury: { unit: 'flag', min: 0, max: 1, label: 'Pain or injury' },
  restingHr: { unit: 'bpm', min: 25, max: 120, label: 'Resting HR' },
  hrvRmssd: { unit: 'ms', min: 3, max: 300, label: 'HRV (rMSSD)' },
  weightKg: { unit: 'kg', min: 25, max: 300, label: 'Weight' },
  bodyFatPct: { unit: '%', min: 2, max: 70, label: 'Body fat' },
  // Device-only fields: written by an importer, never by the check-in (its stress is the 1–4 scale above).
  sleepScore: { unit: 'score', min: 0, max: 100, label: 'Sleep score' },
  deviceStress: { unit: 'score', min: 0, max: 100, label: 'Stress (device, 0–100)' },
  steps: { unit: 'count', min: 0, max: 200_000, label: 'Steps' },
  vo2max: { unit: 'ml/kg/min', min: 10, max: 95, label: 'VO₂max (device)' },
} as const satisfies Record<string, NumericField>;
export type NumericFieldKey = keyof typeof NUMERIC_FIELDS;

/** Fields only a device gives: the check-in neither writes nor clears them. */
export const DEVICE_ONLY_FIELDS = ['sleepScore', 'deviceStress', 'steps', 'vo2max'] as const satisfies readonly NumericFieldKey[];

/** Fields that carry words: where it hurts, and the day's note. */
export const TEXT_FIELDS = ['injuryWhere', 'note'] as const;
export type TextFieldKey = (typeof TEXT_FIELDS)[number];

export type FieldKey = NumericFieldKey | TextFieldKey;
export const FIELD_KEYS: readonly FieldKey[] = [...(Object.keys(NUMERIC_FIELDS) as NumericFieldKey[]), ...TEXT_FIELDS];

export const isTextField = (k: FieldKey): k is TextFieldKey => (TEXT_FIELDS as readonly string[]).includes(k);

/** Sources in the order a field's value is taken from: the athlete's own word first, then live devices, then files. */
export const PRECEDENCE: readonly WellnessSource[] = ['checkin', 'garmin', 'polar', 'fit', 'garmin_export'];

export const KG_PER_LB = 0.45359237;
