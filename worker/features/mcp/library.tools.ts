// library: the athlete's workout library (ADR 058), a page at a time, optionally one sport. Each workout with its
// planned time and load (and what the load rests on) and its steps in words, every target in explicit units.
// The library is the athlete's own writing: no activity source's figures, so nothing is marked unavailable.
import { z } from 'zod';
import { SPORTS } from '../plans';
import { isStructured, type WorkoutNode, type WorkoutTarget } from '../workouts';
import { stepLines, targetWords } from './library.words';
import { decodeOffset, defineTool, encodeOffset } from './mcp.kit';
import { Cursor, TimeZone } from './mcp.schema';

const PAGE = 20;
const DESCRIPTION_CHARS = 500;

const Workout = z.object({
  id: z.uuid(),
  name: z.string(),
  sport: z.string(),
  type: z.string(),
  description: z.string(),
  duration_s: z.number().int(),
  distance_m: z.number().nullable(),
  planned_load: z.number().nullable().describe('Training load (TSS-like); null when none was given'),
  load_basis: z.string().describe('What the planned load rests on'),
  intensity: z.string().nullable().describe('The one target of a workout without steps'),
  steps: z.array(z.string()).describe('The steps in words: durations in s, distances in m, targets with their unit'),
  folder: z.string().nullable(),
  tags: z.array(z.string()),
});

const STRUCTURED_BASIS =
  'Computed from the steps alone, without the athlete’s thresholds; putting it on a day recomputes it from their thresholds.';

const SAVED_BASIS =
  'As saved in the library (entered, or the planned workout’s when saved from a plan); putting it on a day recomputes it from the athlete’s thresholds.';

export const libraryTool = defineTool({
  name: 'library',
  title: 'Workout library',
  description:
    'The athlete’s saved workouts (by name, a page at a time; optionally one sport): duration_s, distance_m, planned_load with its basis, and the steps in words with targets in explicit units (ftp_percent, lthr_percent, threshold_speed_percent, power_w, hr_bpm, pace_s_per_km, pace_s_per_100m, rpe_1_10, or a zone).',
  scope: 'plan:read',
  input: z
    .object({
      sport: z.enum(SPORTS).optional().describe('Only this sport'),
      cursor: Cursor.optional().describe('The `next_cursor` of the previous page.'),
      limit: z.number().int().min(1).max(PAGE).optional().describe(`Workouts per page (1..${PAGE}, default 10).`),
    })
    .strict(),
  output: z.object({
    time_zone: TimeZone,
    workouts: z.array(Workout),
    total: z.number().int().describe('Workouts matching, across all pages'),
    next_cursor: z.string().nullable().describe('Pass it as `cursor` for the next page; null at the end.'),
  }),
  async run(deps, input) {
    const from = decodeOffset(input.cursor);
    const limit = input.limit ?? 10;
    const rows = await deps.library.list({ userId: deps.athlete.id }, input.sport ? { sport: input.sport } : {});
    const workouts = rows.slice(from, from + limit).map((w) => {
      const steps = (w.steps ?? []) as WorkoutNode[];
      // A structured workout's load follows from its steps (library.service's treeRow); a flat one's was entered.
      const structured = steps.length > 0 && isStructured(steps);
      const load = w.targetLoad > 0 ? Math.round(w.targetLoad) : null;
      return {
        id: w.id,
        name: w.title,
        sport: w.sport,
        type: w.type,
        description: w.description.slice(0, DESCRIPTION_CHARS),
        duration_s: Math.round(w.durationSec),
        distance_m: w.distanceM === null ? null : Math.round(w.distanceM),
        planned_load: load,
        load_basis: load === null ? 'No load was given for it.' : structured ? STRUCTURED_BASIS : SAVED_BASIS,
        intensity: w.intensity ? targetWords(w.intensity as WorkoutTarget) : null,
        steps: stepLines(steps),
        folder: w.folder,
        tags: w.tags,
      };
    });
    return {
      time_zone: deps.athlete.timeZone,
      workouts,
      total: rows.length,
      next_cursor: from + limit < rows.length ? encodeOffset(from + limit) : null,
    };
  },
});
