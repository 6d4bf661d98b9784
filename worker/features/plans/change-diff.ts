// What a logged change did, compactly, from the before/after the change log keeps (ADR 017): per workout
// touched, which fields changed from what to what — dates, durations, types, titles; steps and intensity
// as short text — and, for a week's adjustment or a rebuild, a summary. The API's change history and the
// training page both read it. Pure.
import type { ChangeRow } from './plans.repo';
import type { ChangeDetails } from './plans.schema';
import type { StepNode, Target, WeekDraft } from './plans.types';

type State = Record<string, unknown>;
type States = Record<string, State | null>;
type FieldChange = ChangeDetails['workouts'][number]['fields'][number];
type Summary = NonNullable<ChangeDetails['summary']>;

/** The fields a change can alter, in the order they are listed. */
const FIELDS = [
  'date',
  'slot',
  'skipped',
  'sport',
  'type',
  'durationSec',
  'distanceM',
  'intensity',
  'steps',
  'targetLoad',
  'title',
  'description',
  'week',
  'phase',
  'linkMode',
  'linkedActivityId',
] as const;
const DESCRIPTION_CUT = 160;

// jsonb keeps keys in its own order: compare with keys sorted at every level.
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v ?? null);

/** "45 s", "8 min", "2 min 30 s", "1 h 10 min". */
function length(sec: number): string {
  if (sec < 60) return `${sec} s`;
  const [h, m, s] = [Math.floor(sec / 3600), Math.floor((sec % 3600) / 60), sec % 60];
  return [h ? `${h} h` : '', m ? `${m} min` : '', s ? `${s} s` : ''].filter(Boolean).join(' ');
}

/** "Z4", "RPE 6–7". */
export const intensityText = (t: Target | null | undefined): string | null =>
  !t ? null : t.metric === 'rpe' ? `RPE ${t.low === t.high ? t.low : `${t.low}–${t.high}`}` : `Z${t.zone}`;

/** "15 min Z2 · 4 × (8 min Z4 / 2 min Z1) · 10 min Z2". */
export function stepsText(steps: StepNode[] | null | undefined): string | null {
  if (!steps?.length) return null;
  const one = (s: { durationSec: number | null; distanceM: number | null; target: Target | null }) =>
    [s.durationSec !== null ? length(s.durationSec) : s.distanceM !== null ? `${s.distanceM} m` : 'open', intensityText(s.target)]
      .filter(Boolean)
      .join(' ');
  return steps.map((n) => (n.kind === 'repeat' ? `${n.count} × (${n.steps.map(one).join(' / ')})` : one(n))).join(' · ');
}

const cut = (text: string) => (text.length <= DESCRIPTION_CUT ? text : `${text.slice(0, DESCRIPTION_CUT - 1)}…`);

/** A field's value as the API states it. */
function shown(field: (typeof FIELDS)[number], v: unknown): unknown {
  if (field === 'steps') return stepsText(v as StepNode[]);
  if (field === 'intensity') return intensityText(v as Target | null);
  if (field === 'description') return v === null || v === undefined ? null : cut(String(v));
  return v ?? null;
}

function changedWorkout(id: string, before: State | null, after: State | null): ChangeDetails['workouts'][number] {
  const now = (after ?? before)!;
  const fields: FieldChange[] =
    before && after
      ? FIELDS.filter((f) => canonical(before[f]) !== canonical(after[f])).map(
          (f) => ({ field: f, from: shown(f, before[f]), to: shown(f, after[f]) }) as FieldChange,
        )
      : [];
  return {
    id,
    kind: before === null ? 'added' : after === null ? 'removed' : 'changed',
    title: String(now.title ?? ''),
    sport: String(now.sport ?? ''),
    type: String(now.type ?? ''),
    date: String(now.date ?? ''),
    durationSec: Number(now.durationSec ?? 0),
    fields,
  };
}

const sum = (list: (State | null)[], key: string) => list.reduce((s, w) => s + Number(w?.[key] ?? 0), 0);
const peakHours = (weeks: unknown) => Math.max(0, ...((weeks as WeekDraft[] | null) ?? []).map((w) => w.plannedHours));

function summaryOf(ch: ChangeRow, before: States, after: States): Summary | null {
  if (ch.action === 'adjust') {
    const ids = Object.keys(after);
    const was = ids.map((id) => before[id] ?? null);
    const now = ids.map((id) => after[id] ?? null);
    return {
      kind: 'week',
      week: Number(now[0]?.week ?? was[0]?.week ?? 0),
      workouts: ids.length,
      durationSec: { from: sum(was, 'durationSec'), to: sum(now, 'durationSec') },
      targetLoad: { from: Math.round(sum(was, 'targetLoad') * 10) / 10, to: Math.round(sum(now, 'targetLoad') * 10) / 10 },
    };
  }
  if (ch.action === 'rebuild' && ch.rebuild) {
    const { previous, current } = ch.rebuild;
    return {
      kind: 'rebuild',
      previousPlanId: previous.id,
      weeks: { from: (previous.weeks as unknown[]).length, to: (current.weeks as unknown[]).length },
      peakWeekHours: { from: peakHours(previous.weeks), to: peakHours(current.weeks) },
      startDate: { from: previous.startDate, to: current.startDate },
    };
  }
  return null;
}

/** Each workout the change touched, in date order, and its summary. */
export function changeDetails(ch: ChangeRow): ChangeDetails {
  const before = (ch.before ?? {}) as States;
  const after = (ch.after ?? {}) as States;
  const workouts = Object.keys({ ...before, ...after })
    .map((id) => changedWorkout(id, before[id] ?? null, after[id] ?? null))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  return { workouts, summary: summaryOf(ch, before, after) };
}
