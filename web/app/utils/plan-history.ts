// The training page's change history in words, from each change's before → after (the API's `workouts`
// and `summary`): "Moved Easy run from Tue 11 Dec to Wed 12 Dec", "Shortened Long run 1 h 30 min → 1 h 10 min",
// "Changed Easy run: type easy → recovery, 50 min → 30 min". Dates as the app writes them elsewhere,
// distances in the athlete's units.
import type { ChangeDetails } from '../../../worker/features/plans/plans.schema';
import { formatWeekdayDate } from '../../../worker/lib/format';
import { distanceText, minutes, SPORT_LABELS, type Units } from './plans';

type Workout = ChangeDetails['workouts'][number];
type Field = Workout['fields'][number];
/** Lines per change; more are counted ("and 3 more"). */
const MAX_LINES = 4;

/** A workout's name without the lengths its title states: "Long run 1 h 30 min" → "Long run". */
export const nameOf = (title: string) =>
  title
    .replace(/:.*$/, '')
    .replace(/\s+\d+ (?:h|min|s)\b.*$/, '')
    .trim() || title;
const day = (ymd: string) => formatWeekdayDate(ymd);
const typeWord = (t: string) => t.replace(/_/g, ' ');
const sportWord = (s: string) => (SPORT_LABELS[s] ?? s).toLowerCase();
const load = (x: number | null) => Math.round(x ?? 0);

function matchLine(name: string, mode: Field['to'], date: string): string {
  if (mode === 'manual') return `Linked ${name} (${day(date)}) to an activity`;
  if (mode === 'unlinked') return `Unlinked ${name} (${day(date)}): no activity completes it`;
  return `${name} (${day(date)}) is matched automatically again`;
}

/** What happened to one workout, in a line or two. */
export function workoutLines(action: string, w: Workout, units: Units): string[] {
  if (w.kind === 'added') return [`Added ${w.title} on ${day(w.date)} (${minutes(w.durationSec)})`];
  if (w.kind === 'removed') return [`Removed ${w.title} from ${day(w.date)}`];
  const f = Object.fromEntries(w.fields.map((x) => [x.field, x])) as Partial<Record<Field['field'], Field>>;
  const name = nameOf(String(f.title?.from ?? w.title));
  const lines: string[] = [];
  if (f.date) lines.push(`Moved ${name} from ${day(String(f.date.from))} to ${day(String(f.date.to))}`);
  if (f.skipped) lines.push(`${f.skipped.to ? (action === 'delete' ? 'Removed' : 'Skipped') : 'Restored'} ${name} on ${day(w.date)}`);
  if (f.linkMode || f.linkedActivityId) lines.push(matchLine(name, f.linkMode ? f.linkMode.to : 'manual', w.date));
  const details: string[] = [];
  if (f.sport) details.push(`sport ${sportWord(String(f.sport.from))} → ${sportWord(String(f.sport.to))}`);
  if (f.type) details.push(`type ${typeWord(String(f.type.from))} → ${typeWord(String(f.type.to))}`);
  const [from, to] = [Number(f.durationSec?.from), Number(f.durationSec?.to)];
  if (f.durationSec) details.push(`${minutes(from)} → ${minutes(to)}`);
  if (f.intensity) details.push(`intensity ${f.intensity.from ?? 'none'} → ${f.intensity.to ?? 'none'}`);
  if (f.distanceM) {
    const d = (m: Field['from']) => distanceText(Number(m) || null, units, w.sport) ?? 'none';
    details.push(`distance ${d(f.distanceM.from)} → ${d(f.distanceM.to)}`);
  }
  if (f.steps && !f.durationSec && !f.type && !f.intensity) details.push('new steps');
  if (f.title && nameOf(String(f.title.from)) !== nameOf(String(f.title.to))) details.push(`renamed “${f.title.to}”`);
  if (f.description && !f.steps) details.push('new description');
  // A length alone reads as what it is.
  if (f.durationSec && details.length === 1) {
    lines.push(`${to < from ? 'Shortened' : 'Lengthened'} ${name} ${details[0]}`);
    details.length = 0;
  }
  if (details.length && f.targetLoad) details.push(`load ${load(f.targetLoad.from as number)} → ${load(f.targetLoad.to as number)}`);
  if (details.length) lines.push(`Changed ${name}: ${details.join(', ')}`);
  return lines.length ? lines : [`Changed ${name}`];
}

/** The lines under a change in the history: a summary for a week's adjustment or a rebuild, else each workout's. */
export function changeLines(c: { action: string } & ChangeDetails, units: Units): string[] {
  const s = c.summary;
  if (s?.kind === 'week') {
    const pct = s.durationSec.from ? Math.round((s.durationSec.to / s.durationSec.from - 1) * 100) : 0;
    return [
      `Week ${s.week}: ${s.workouts} workout${s.workouts === 1 ? '' : 's'} ${minutes(s.durationSec.from)} → ${minutes(s.durationSec.to)} (${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct)}\u00a0%), load ${load(s.targetLoad.from)} → ${load(s.targetLoad.to)}`,
    ];
  }
  if (s?.kind === 'rebuild')
    return [
      `From your history, starting ${day(s.startDate.to)}: ${s.weeks.from} → ${s.weeks.to} weeks, heaviest week ${s.peakWeekHours.from.toFixed(1)} h → ${s.peakWeekHours.to.toFixed(1)} h`,
    ];
  const lines = c.workouts.flatMap((w) => workoutLines(c.action, w, units));
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES - 1), `and ${lines.length - MAX_LINES + 1} more`] : lines;
}
