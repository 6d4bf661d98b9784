// Carbohydrate per hour by race duration (the published bands), and when the athlete's own gut training lets the
// plan go above 90 g/h (ADR 096, "Fuelling and fluids"). Pure: no clock, no db; the caller passes today.
import { addDays } from '../../../lib/dates';

/** One source (glucose/maltodextrin) is absorbed by SGLT1 at up to ~60 g/h (Jeukendrup 2014). */
export const SINGLE_SOURCE_MAX_G_PER_H = 60;
/** Glucose with fructose (multiple transportable carbohydrates) reaches ~90 g/h beyond ~2.5 h (Jeukendrup 2014). */
export const MULTI_SOURCE_MAX_G_PER_H = 90;
/** 120 g/h raised oxidation but spared no more glycogen than 90 (Podlogar et al. 2022): never planned above it. */
export const ABSOLUTE_MAX_G_PER_H = 120;
/**
 * Our rule for "trained gut" (Podlogar's athletes were used to high intakes; gut training raises tolerance, Jeukendrup
 * 2017): ≥ 3 logged sessions in the last 12 weeks at ≥ 80 g/h for ≥ 60 min with GI comfort ≥ 3 of 5 (1–2: severe trouble).
 */
export const GUT_TRAINING = { sessions: 3, windowDays: 84, minGPerH: 80, minDurationMin: 60, minComfort: 3 } as const;

/** Jeukendrup 2014's bands, by the race's expected duration. */
export const BANDS = [
  { upToS: 45 * 60, gPerH: 0, band: 'under 45 min', why: 'Under 45 minutes no carbohydrate is needed (Jeukendrup 2014).' },
  {
    upToS: 75 * 60,
    gPerH: 0,
    band: '45–75 min',
    why: 'At 45–75 minutes a carbohydrate mouth rinse (or a sip of a sports drink) is enough; nothing is planned per hour (Jeukendrup 2014).',
  },
  { upToS: 2 * 3600, gPerH: 30, band: '1–2 h', why: 'At 1–2 hours up to 30 g/h (Jeukendrup 2014).' },
  {
    upToS: 2.5 * 3600,
    gPerH: SINGLE_SOURCE_MAX_G_PER_H,
    band: '2–2.5 h',
    why: 'At 2–2.5 hours up to 60 g/h of one source (glucose or maltodextrin), the most the gut absorbs of one (Jeukendrup 2014).',
  },
  {
    upToS: Number.POSITIVE_INFINITY,
    gPerH: MULTI_SOURCE_MAX_G_PER_H,
    band: 'over 2.5 h',
    why: 'Beyond 2.5 hours up to 90 g/h of glucose with fructose (2:1), which use separate transporters (Jeukendrup 2014); gains flatten above ~78 g/h (Smith et al. 2013).',
  },
] as const;

/** One logged gut-training session. */
export interface GutSession {
  date: string;
  carbsGPerH: number;
  durationMin: number;
  /** 1 = severe GI trouble … 5 = none. */
  comfort: number;
}

export interface CarbPlan {
  gPerH: number;
  /** The part of gPerH from glucose/maltodextrin (≤ 60) and from fructose (≤ 60). */
  glucoseGPerH: number;
  fructoseGPerH: number;
  band: string;
  basis: string[];
  gutTraining: { trained: boolean; qualifying: GutSession[]; basis: string };
}

/** Whether the log qualifies as gut training on `today`, and the sessions that count. */
export function gutTrainingOf(sessions: readonly GutSession[], today: string) {
  const from = addDays(today, -GUT_TRAINING.windowDays);
  const qualifying = sessions.filter(
    (s) =>
      s.date > from &&
      s.date <= today &&
      s.carbsGPerH >= GUT_TRAINING.minGPerH &&
      s.durationMin >= GUT_TRAINING.minDurationMin &&
      s.comfort >= GUT_TRAINING.minComfort,
  );
  const trained = qualifying.length >= GUT_TRAINING.sessions;
  const rule = `${GUT_TRAINING.sessions} sessions in the last 12 weeks at ≥ ${GUT_TRAINING.minGPerH} g/h for ≥ ${GUT_TRAINING.minDurationMin} min with GI comfort ≥ ${GUT_TRAINING.minComfort} of 5`;
  const basis = trained
    ? `Gut trained: ${qualifying.length} sessions meet the rule (${rule}).`
    : `Not gut trained yet: ${qualifying.length} of ${rule}.`;
  return { trained, qualifying, basis };
}

/** The plan's carbohydrate per hour for a race of `durationS`, raised above 90 only to what the gut has trained at. */
export function carbPlan(durationS: number, sessions: readonly GutSession[], today: string): CarbPlan {
  const b = BANDS.find((x) => durationS <= x.upToS) ?? BANDS[BANDS.length - 1]!;
  const gut = gutTrainingOf(sessions, today);
  const basis: string[] = [b.why];
  let gPerH: number = b.gPerH;
  if (b.gPerH === MULTI_SOURCE_MAX_G_PER_H && gut.trained) {
    const trainedAt = Math.min(ABSOLUTE_MAX_G_PER_H, Math.max(...gut.qualifying.map((s) => s.carbsGPerH)));
    if (trainedAt > gPerH) {
      gPerH = trainedAt;
      basis.push(
        `Raised to ${trainedAt} g/h, the most you have trained at comfortably${trainedAt === ABSOLUTE_MAX_G_PER_H ? ' (capped at 120 g/h)' : ''}; 120 g/h raised oxidation but spared no more glycogen than 90 (Podlogar et al. 2022).`,
      );
    }
  } else if (b.gPerH === MULTI_SOURCE_MAX_G_PER_H) {
    basis.push('Above 90 g/h only after gut training: log sessions to earn it.');
  }
  // Glucose up to its ceiling, fructose the rest: 60:30 (2:1) at 90 g/h, 60:60 at 120.
  const glucoseGPerH = Math.min(SINGLE_SOURCE_MAX_G_PER_H, gPerH);
  return { gPerH, glucoseGPerH, fructoseGPerH: gPerH - glucoseGPerH, band: b.band, basis, gutTraining: gut };
}
