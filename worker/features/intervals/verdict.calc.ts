// The one judgement of a completed workout (issue 55): by its steps when they were placed on the recording
// (ADR 062), else the calendar's ratio (ADR 033). The activity page, the drawer and the calendar's cards show this.
import type { ComplianceBand, WorkoutVerdict } from '../plans';
import type { StepCompliance } from './step-compliance.calc';

export type { WorkoutVerdict };

export function workoutVerdict(compliance: { status: string; band: ComplianceBand | null }, steps: StepCompliance | null): WorkoutVerdict {
  if (compliance.status === 'completed' && steps?.overall) {
    const side = sideOf(steps);
    return { band: steps.overall.band, by: 'steps', ...(side ? { side } : {}) };
  }
  return { band: compliance.band, by: 'ratio' };
}

/**
 * Which side of their ranges the work steps that missed fell on, when most agree (an adaptive plan reads it, issue
 * 58: below, they could not hold it; above, they went harder than asked); null when none missed or they split.
 */
function sideOf(steps: StepCompliance): 'below' | 'above' | null {
  let below = 0;
  let above = 0;
  for (const s of steps.steps) {
    const range = s.planned.range;
    if (s.kind !== 'work' || s.verdict === 'on_target' || !range || s.value === null) continue;
    if (s.value < range.low) below++;
    else if (s.value > range.high) above++;
  }
  return below > above ? 'below' : above > below ? 'above' : null;
}
