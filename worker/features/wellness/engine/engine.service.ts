// The N=1 engine for one athlete (issue 40, ADR 070): a full pass gathers three years of wellness (the sources
// analytics may read) and training facts (through analytics, under its data-use policy) and tests the family; the
// gathered series are kept, so a check-in or a pushed sleep patches only its days and re-tests (no years re-read).
// Training changes are seen by the athlete's analytics version and re-read on the next answer. Health data: the
// log lines here carry ids and counts, never values or days.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { addDays, todayIn } from '../../../lib/dates';
import { notFound } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import type { Athlete, EngineFacts } from '../../analytics';
import { NUMERIC_FIELDS, type NumericFieldKey, type WellnessSource } from '../wellness.fields';
import { wellnessSourcesFor } from '../wellness.policy';
import { effortsFor } from './engine-codec';
import type { EngineData, FieldDays } from './engine-data';
import { type EngineState, numericReadings } from './engine.repo';
import { type EngineStore, postgresStore } from './engine-store';
import { toFindingsAnswer, toQuestionAnswer } from './engine.views';
import type { EngineReader } from './inputs';
import { enginePass, enginePatch } from './pass.calc';

/** Bumped when what a pass computes changes: stored states of another version are recomputed on read. */
export const ENGINE_VERSION = 2;
/** The window a full pass gathers. */
export const ENGINE_DAYS = 3 * 365;
/** A state whose window starts this much before today's would is gathered afresh (the window slides monthly). */
const SLIDE_DAYS = 30;
/** Concurrent writers: a patch that lost the version race re-reads and tries again this many times. */
const SAVE_TRIES = 3;

export interface EngineDeps {
  db: Db;
  clock: Clock;
  /** analytics' engineFacts under the analytics data use (built in the wiring). */
  training: (a: Athlete, from: string, to: string) => Promise<EngineFacts>;
  /** analytics' settling: a rebuild of the athlete's training figures is queued (after a large import). */
  settling: (userId: string) => Promise<boolean>;
  logger?: Logger;
  /** Where the state is kept: Postgres by default; the athlete's Durable Object passes its memory (engine.do.ts). */
  store?: EngineStore;
}

type Wellness = EngineData['wellness'];

const isNumeric = (f: string): f is NumericFieldKey => f in NUMERIC_FIELDS;

function addReadings(w: Wellness, rows: readonly { day: string; source: string; field: string; value: number }[]) {
  for (const r of rows) {
    if (!isNumeric(r.field)) continue;
    const byDay = w[r.field] ?? {};
    w[r.field] = byDay;
    byDay[r.day] = { ...byDay[r.day], [r.source as WellnessSource]: r.value };
  }
}

function sameSources(a: FieldDays[string] | undefined, b: FieldDays[string] | undefined): boolean {
  const ka = Object.keys(a ?? {}) as WellnessSource[];
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => a![k] === b?.[k]);
}

export function createEngineService(deps: EngineDeps) {
  const store = deps.store ?? postgresStore(() => deps.db);
  const sources = () => wellnessSourcesFor('analytics');
  const today = (a: Athlete) => todayIn(a.timeZone, deps.clock.now());

  async function wellnessOf(userId: string, from: string, to: string): Promise<Wellness> {
    const w: Wellness = {};
    addReadings(w, await numericReadings(deps.db, userId, sources(), from, to));
    return w;
  }

  /** The reader inputs.ts and outcomes.ts gather through (share-why's "Why this trend?" reads the same way). */
  const reader =
    (a: Athlete): EngineReader =>
    async (from, to) => {
      const [wellness, t] = await Promise.all([wellnessOf(a.id, from, to), trainingOf(a, from, to)]);
      return { from, to, wellness, ...t };
    };

  /** A full pass over the window ending today: everything gathered from the database. */
  async function fullPass(a: Athlete) {
    const data = await reader(a)(addDays(today(a), -(ENGINE_DAYS - 1)), today(a));
    return { data, result: enginePass(data) };
  }

  async function save(userId: string, expected: number | null, s: Omit<EngineState, 'version'>, wellnessOnly = false) {
    return store.save(userId, expected, s, wellnessOnly);
  }

  /** Training facts for a window, with only the efforts it needs (engine-codec.ts `effortsFor`). */
  async function trainingOf(a: Athlete, from: string, to: string) {
    const t = await deps.training(a, from, to);
    return { ...t, efforts: effortsFor(t.efforts, from) };
  }

  /** The athlete's state, brought up to date: recomputed whole when missing or old, training re-read when it changed. */
  async function current(a: Athlete): Promise<EngineState> {
    const to = today(a);
    const fresh = addDays(to, -(ENGINE_DAYS - 1));
    for (let i = 0; i < SAVE_TRIES; i++) {
      const s = await store.load(a.id);
      let next: Omit<EngineState, 'version'>;
      if (!s || s.engineVersion !== ENGINE_VERSION || addDays(s.data.from, SLIDE_DAYS) < fresh || s.data.from > fresh) {
        const { data, result } = await fullPass(a);
        next = { engineVersion: ENGINE_VERSION, analyticsVersion: a.version, data, result, computedAt: deps.clock.now() };
      } else if (s.analyticsVersion !== a.version || s.data.to !== to) {
        // New activities (or a new day): training re-read over the kept window; wellness is kept, new days added.
        const [t, newDays] = await Promise.all([
          trainingOf(a, s.data.from, to),
          s.data.to < to ? wellnessOf(a.id, addDays(s.data.to, 1), to) : Promise.resolve({} as Wellness),
        ]);
        const wellness = { ...s.data.wellness };
        for (const [f, byDay] of Object.entries(newDays)) wellness[f as NumericFieldKey] = { ...wellness[f as NumericFieldKey], ...byDay };
        const data: EngineData = { ...s.data, ...t, wellness, to };
        next = {
          engineVersion: ENGINE_VERSION,
          analyticsVersion: a.version,
          data,
          result: enginePass(data, s.result),
          computedAt: deps.clock.now(),
        };
      } else return s;
      if (await save(a.id, s?.version ?? null, next)) return { ...next, version: (s?.version ?? 0) + 1 };
    }
    // Lost every race: answer from a pass of our own without storing it.
    const { data, result } = await fullPass(a);
    return { version: 0, engineVersion: ENGINE_VERSION, analyticsVersion: a.version, data, result, computedAt: deps.clock.now() };
  }

  return {
    reader,
    fullPass,

    async findings(a: Athlete) {
      const [s, updating] = await Promise.all([current(a), deps.settling(a.id)]);
      return toFindingsAnswer(s, updating);
    },

    async question(a: Athlete, key: string) {
      const answer = await this.questionOrNull(a, key);
      if (!answer) throw notFound('Question');
      return answer;
    },

    /** One question's answer, null when the family has no such question (the Durable Object's form). */
    async questionOrNull(a: Athlete, key: string) {
      return toQuestionAnswer(await current(a), key) ?? null;
    },

    /**
     * The wellness service's `changed` hook: the touched days' readings re-read and patched into the kept series,
     * then the family re-tested. No state yet: nothing to patch (the first read makes one).
     */
    async changed(userId: string, days: readonly string[]): Promise<void> {
      if (days.length === 0) return;
      try {
        await patch(userId, days);
      } catch (e) {
        // The check-in or the import it follows is stored; the next read recomputes what this missed.
        deps.logger?.error('wellness engine: patch failed', { userId, error: e instanceof Error ? e.name : 'unknown' });
      }
    },
  };

  async function patch(userId: string, days: readonly string[]): Promise<void> {
    for (let i = 0; i < SAVE_TRIES; i++) {
      const s = await store.load(userId);
      // None yet, or another engine version's: the next read makes it whole.
      if (!s || s.engineVersion !== ENGINE_VERSION) return;
      const touched = days.filter((d) => d >= s.data.from && d <= s.data.to);
      if (touched.length === 0) return;
      const sorted = [...touched].sort();
      const rows = (await numericReadings(deps.db, userId, sources(), sorted[0]!, sorted.at(-1)!)).filter((r) => touched.includes(r.day));
      const wellness: Wellness = {};
      for (const [f, byDay] of Object.entries(s.data.wellness)) {
        const copy = { ...byDay };
        for (const d of touched) delete copy[d];
        if (Object.keys(copy).length > 0) wellness[f as NumericFieldKey] = copy;
      }
      addReadings(wellness, rows);
      // Which fields those days changed: only the questions they feed are answered again.
      const fields = new Set<NumericFieldKey>();
      for (const f of new Set([...Object.keys(s.data.wellness), ...Object.keys(wellness)]) as Set<NumericFieldKey>)
        for (const d of touched) if (!sameSources(s.data.wellness[f]?.[d], wellness[f]?.[d])) fields.add(f);
      if (fields.size === 0) return;
      const data = { ...s.data, wellness };
      const next = { ...s, data, result: enginePatch(data, s.result, fields), computedAt: deps.clock.now() };
      if (await save(userId, s.version, next, true)) return;
    }
    deps.logger?.warn('wellness engine: patch lost the version race; the next read recomputes', { userId });
  }
}

export type EngineService = ReturnType<typeof createEngineService>;
