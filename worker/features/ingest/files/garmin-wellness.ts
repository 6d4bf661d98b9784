// The wellness parts of a Garmin "export your data" archive (ADR 073), streamed object by object like the
// activity summaries: daily summaries (DI-Connect-Aggregator/UDSFile_*.json), nights
// (DI-Connect-Wellness/*_sleepData.json, `calendarDate` = the wake day), overnight HRV
// (*_healthStatusData.json, Garmin's "LHA" with its own baseline, of which only the value is kept),
// weigh-ins (*_userBioMetrics.json, grams) and VO2max (DI-Connect-Metrics/MetricsMaxMetData_*.json).
// Files are recognised by name anywhere under DI_CONNECT/ (Garmin has moved folders between export years).
// Pure: records go to the caller's sink in batches, in stored units (s, kg, bpm, ms, %). One record per
// file kind and day (`sleep:<day>`, …): a second weigh-in of a day replaces the first, as the day keeps one.
import type { NumericFieldKey } from '../../wellness/index.ts';
import { num, utcDate } from './common.ts';
import { ExportObjectScanner, type CaptureRule } from './json-objects.ts';
import { FileParseError, type SkipSink } from './types.ts';

export const WELLNESS_KINDS = ['daily', 'sleep', 'hrv', 'weight', 'vo2max'] as const;
export type WellnessKind = (typeof WELLNESS_KINDS)[number];

/** Why a record of a wellness file was left out (values out of range are counted by the service that stores them). */
export type WellnessSkip = 'no_day' | 'no_values' | 'other_sport' | 'malformed' | 'too_large' | 'out_of_range';

export interface WellnessRecord {
  kind: WellnessKind;
  externalId: string;
  day: string;
  values: Partial<Record<NumericFieldKey, number>>;
}

export type WellnessSink = (records: WellnessRecord[]) => Promise<void>;

/** Per file kind: records read, and those left out by reason. */
export type WellnessTally = Partial<Record<WellnessKind, { read: number; skipped: Partial<Record<WellnessSkip, number>> }>>;

const UNDER = String.raw`(^|\/)DI_CONNECT\/(?:[^/]+\/)*`;
const FILES: readonly [WellnessKind, RegExp][] = [
  ['daily', new RegExp(`${UNDER}UDSFile[^/]*\\.json$`, 'i')],
  ['sleep', new RegExp(`${UNDER}[^/]*sleepData\\.json$`, 'i')],
  ['hrv', new RegExp(`${UNDER}[^/]*healthStatusData\\.json$`, 'i')],
  ['weight', new RegExp(`${UNDER}[^/]*userBioMetrics\\.json$`, 'i')],
  ['vo2max', new RegExp(`${UNDER}MetricsMaxMetData[^/]*\\.json$`, 'i')],
];

/** The wellness file kind of an archive entry, by its name. */
export const wellnessKindOf = (name: string): WellnessKind | undefined => FILES.find(([, re]) => re.test(name))?.[0];

/** A JSON file of the export nobody reads (training readiness, hydration, …): counted, never an error. */
export const OTHER_DI_JSON = new RegExp(`${UNDER}[^/]+\\.json$`, 'i');

/** Records sit in the root array (Garmin's shape) or in an array one object down (tolerated). */
const RECORDS: CaptureRule = (stack) =>
  stack.length === 1 ? stack[0]?.kind === 'array' : stack.length === 2 && stack[0]?.kind === 'object' && stack[1]?.kind === 'array';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const positive = (v: unknown) => {
  const n = num(v);
  return n !== undefined && n > 0 ? n : undefined;
};

/** A calendar day from Garmin's shapes: "2026-03-01", "2026-03-01T00:00:00.0", 20260301, epoch ms, [2026, 3, 1]. */
export function dayOf(v: unknown): string | undefined {
  let day: string | undefined;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) day = v.slice(0, 10);
  else if (typeof v === 'number' && Number.isInteger(v) && v >= 19_000_101 && v <= 21_001_231)
    day = `${String(v).slice(0, 4)}-${String(v).slice(4, 6)}-${String(v).slice(6, 8)}`;
  else if (typeof v === 'number' && v > 1e11 && v < 1e13) day = utcDate(v);
  else if (Array.isArray(v) && v.length >= 3 && v.slice(0, 3).every((x) => Number.isInteger(x)))
    day = `${v[0]}-${String(v[1]).padStart(2, '0')}-${String(v[2]).padStart(2, '0')}`;
  return day && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && utcDate(Date.parse(`${day}T00:00:00Z`)) === day ? day : undefined;
}

/** Not a record of the file's kind at all (userBioMetrics' height and profile rows): neither read nor left out. */
export const NOT_A_RECORD = 'not_a_record';
type Mapped = { day: string; values: WellnessRecord['values'] } | WellnessSkip | typeof NOT_A_RECORD;

function daily(r: Json): Mapped {
  const day = dayOf(r.calendarDate);
  if (!day) return 'no_day';
  // allDayStress.aggregatorList[type TOTAL] in recent exports, a top-level average in older ones; negative = not measured.
  const list = obj(r.allDayStress)?.aggregatorList;
  const total = Array.isArray(list) ? list.map(obj).find((a) => a?.type === 'TOTAL') : undefined;
  const stress = num(total?.averageStressLevel) ?? num(r.averageStressLevel);
  const steps = num(r.totalSteps);
  return {
    day,
    values: {
      restingHr: positive(r.restingHeartRate) ?? positive(r.currentDayRestingHeartRate),
      deviceStress: stress !== undefined && stress >= 0 ? stress : undefined,
      steps: steps !== undefined && steps >= 0 ? steps : undefined,
    },
  };
}

function sleep(r: Json): Mapped {
  const day = dayOf(r.calendarDate);
  if (!day) return 'no_day';
  // Asleep = deep + light + REM (awake time in bed is not sleep).
  const stages = [r.deepSleepSeconds, r.lightSleepSeconds, r.remSleepSeconds].map(num).filter((s) => s !== undefined);
  const asleep = stages.reduce((a, s) => a + s, 0);
  const scores = obj(r.sleepScores);
  const overall = scores?.overall;
  const score = num(scores?.overallScore) ?? num(obj(overall)?.value) ?? num(overall);
  return { day, values: { sleepS: stages.length && asleep > 0 ? asleep : undefined, sleepScore: score } };
}

function hrv(r: Json): Mapped {
  const day = dayOf(r.calendarDate);
  if (!day) return 'no_day';
  const metrics = Array.isArray(r.metrics) ? r.metrics.map(obj) : [];
  const m = metrics.find((x) => x?.type === 'HRV');
  // 0 with status UNKNOWN is Garmin's "not measured that night".
  return { day, values: { hrvRmssd: m && m.status !== 'UNKNOWN' ? positive(m.value) : undefined } };
}

function weight(r: Json): Mapped {
  const w = obj(r.weight);
  if (!w) return NOT_A_RECORD; // the file also holds height and profile rows
  const grams = positive(w.weight);
  if (grams === undefined) return 'no_values';
  const day = dayOf(obj(r.metaData)?.calendarDate) ?? dayOf(w?.calendarDate) ?? dayOf(w?.timestampGMT) ?? dayOf(r.calendarDate);
  if (!day) return 'no_day';
  return { day, values: { weightKg: grams / 1000, bodyFatPct: positive(w?.bodyFat) } };
}

function vo2max(r: Json): Mapped {
  const day = dayOf(r.calendarDate);
  if (!day) return 'no_day';
  // A cycling VO2max is another measurement than the running one the field holds.
  if (typeof r.sport === 'string' && r.sport !== 'RUNNING') return 'other_sport';
  return { day, values: { vo2max: positive(r.vo2MaxValue) ?? positive(r.vo2Max) } };
}

const MAPPERS: Record<WellnessKind, (r: Json) => Mapped> = { daily, sleep, hrv, weight, vo2max };
const PREFIX: Record<WellnessKind, string> = { daily: 'uds', sleep: 'sleep', hrv: 'hrv', weight: 'weight', vo2max: 'vo2max' };

/** One object of a wellness file → its record, or why it is left out. */
export function wellnessRecord(kind: WellnessKind, raw: unknown): WellnessRecord | WellnessSkip | typeof NOT_A_RECORD {
  const r = obj(raw);
  if (!r) return 'malformed';
  const mapped = MAPPERS[kind](r);
  if (typeof mapped === 'string') return mapped;
  const values = Object.fromEntries(Object.entries(mapped.values).filter(([, v]) => v !== undefined));
  if (Object.keys(values).length === 0) return 'no_values';
  return { kind, externalId: `${PREFIX[kind]}:${mapped.day}`, day: mapped.day, values };
}

/**
 * Streams one wellness file to `sink` in batches of `batch` records (memory stays bounded whatever the file's
 * size). Objects left out are counted in `tally`; a file cut short or not JSON is reported once in `onSkip`.
 */
export async function scanWellness(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
  kind: WellnessKind,
  opts: { maxObjectChars: number; tally: WellnessTally; sink: WellnessSink; onSkip: SkipSink; batch?: number },
): Promise<void> {
  const t = opts.tally[kind] ?? { read: 0, skipped: {} };
  opts.tally[kind] = t;
  const skip = (why: WellnessSkip) => {
    t.skipped[why] = (t.skipped[why] ?? 0) + 1;
  };
  let pending: WellnessRecord[] = [];
  const scanner = new ExportObjectScanner(
    {
      onObject(text) {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          t.read += 1;
          return skip('malformed');
        }
        const rec = wellnessRecord(kind, value);
        if (rec === NOT_A_RECORD) return;
        t.read += 1;
        if (typeof rec === 'string') skip(rec);
        else pending.push(rec);
      },
      onOversized() {
        t.read += 1;
        skip('too_large');
      },
    },
    opts.maxObjectChars,
    RECORDS,
  );
  const flush = async () => {
    if (!pending.length) return;
    const out = pending;
    pending = [];
    await opts.sink(out);
  };
  const decoder = new TextDecoder('utf-8');
  let head = '';
  try {
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk, { stream: true });
      // Garbage that never opens a container would scan as an empty file: refuse it by its first character.
      if (!head) {
        head = text.trimStart().slice(0, 1);
        if (head && head !== '[' && head !== '{') throw new FileParseError('malformed_json', 'not a JSON array');
      }
      scanner.write(text);
      if (pending.length >= (opts.batch ?? 200)) await flush();
    }
    scanner.write(decoder.decode());
    scanner.end();
  } catch (error) {
    if (!(error instanceof FileParseError)) throw error;
    opts.onSkip(file, 'malformed_json', error.message);
  }
  // What was read before a cut is kept, like the summaries of a truncated summarizedActivities file.
  await flush();
}
