// Issue 58: illness pauses intensity and re-enters gradually. The domain reference is silent on return-to-training
// after illness, so this is a conservative house rule (ADR 103): skip what falls inside the note, then as many days
// of easy-only training as the illness lasted (3–7), then the first hard session 20 % shorter. Pure.
import { addDays, daysBetween } from '../../../lib/dates';
import { HARD_TYPES } from '../plans.types';
import type { AdaptStep, AdaptWorkout, HealthNote } from './adapt.types';

/** While a note is still going, the sessions of today and the next days up to this many are skipped. */
export const OPEN_NOTE_DAYS = 3;
/** The easy-only re-entry lasts as many days as the illness did, within these bounds. */
export const REENTRY_DAYS = { min: 3, max: 7 } as const;
/** The first hard session after re-entry is shortened by this much. */
export const FIRST_HARD_PCT = -20;

export interface HealthAnswer {
  steps: AdaptStep[];
  /** The last day the note covers (its end, or the end of the open window) and the last easy-only day. */
  until: string;
  reentryUntil: string;
  reason: string;
  receipts: string[];
}

const isHard = (w: AdaptWorkout) => HARD_TYPES.includes(w.type);
const byDate = (a: AdaptWorkout, b: AdaptWorkout) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * What a health note does to the planned sessions from `today` on: every one inside the note's days skipped (hard
 * and long first, the order the athlete reads them in), hard ones in the re-entry made easy, the first hard one after
 * it shortened. A note still going covers today and the next two days; a finished one is read as it was.
 */
export function healthSteps(note: HealthNote, workouts: readonly AdaptWorkout[], today: string): HealthAnswer {
  const open = note.to === null;
  const until = note.to ?? addDays(today < note.from ? note.from : today, OPEN_NOTE_DAYS - 1);
  const lasted = daysBetween(note.from, until) + 1;
  const reentry = Math.min(REENTRY_DAYS.max, Math.max(REENTRY_DAYS.min, lasted));
  const reentryUntil = addDays(until, reentry);
  const ahead = workouts.filter((w) => w.status === 'planned' && w.date >= today).sort(byDate);
  const inside = ahead.filter((w) => w.date >= note.from && w.date <= until);
  const key = (w: AdaptWorkout) => (isHard(w) || w.type === 'long' ? 0 : 1);
  const skips = [...inside].sort((a, b) => key(a) - key(b) || byDate(a, b));
  const easy = ahead.filter((w) => w.date > until && w.date <= reentryUntil && isHard(w));
  const first = ahead.find((w) => w.date > reentryUntil && isHard(w)) ?? null;
  const steps: AdaptStep[] = [
    ...skips.map((w): AdaptStep => ({ kind: 'skip', workoutId: w.id })),
    ...easy.map((w): AdaptStep => ({ kind: 'replace', workoutId: w.id, type: 'easy' })),
    ...(first ? [{ kind: 'adjust', workoutId: first.id, percent: FIRST_HARD_PCT } as AdaptStep] : []),
  ];
  const what = note.kind === 'illness' ? 'illness' : 'injury';
  const parts = [
    open
      ? `You noted an ${what} from ${note.from}, still going: your sessions up to ${until} are skipped.`
      : `You noted an ${what} from ${note.from} to ${note.to}: your sessions in those days are skipped.`,
    `Then ${reentry} days of easy training only (as long as it lasted, 3 to 7 days), to ${reentryUntil}`,
    first ? `, and your first hard session after that (${first.date}) is ${-FIRST_HARD_PCT} % shorter.` : '.',
  ];
  if (note.kind === 'injury') parts.push(' Check with a physio before you train hard again.');
  return {
    steps,
    until,
    reentryUntil,
    reason: `${parts[0]} ${parts[1]}${parts[2]}${parts[3] ?? ''}`,
    receipts: [note.id, ...skips.map((w) => w.id), ...easy.map((w) => w.id), ...(first ? [first.id] : [])],
  };
}
