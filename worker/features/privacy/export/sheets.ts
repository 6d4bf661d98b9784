// The archive's writers per area: a data-map table as a JSON data file, and the spreadsheet views (CSV) of
// activities, planned workouts and AI coach messages. Each yields its file's bytes page by page and keeps count of
// what it wrote, so the job can record the rows and know where the next file starts.
import { csvRows, toCsv } from '../../../lib/csv';
import type { PersonalTable } from '../data-map';
import type { Cursor, ExportRepo } from './export.repo';

const PAGE_ROWS = 500;
/** Per-second streams are large rows: fewer per page. */
const PAGE_ROWS_BY_TABLE: Record<string, number> = { activity_streams: 20 };
/** A data file is closed and the next one opened past this many bytes, so no entry grows without bound. */
const FILE_BYTES = 32 * 1024 * 1024;

const encoder = new TextEncoder();

/** A file being written: its bytes, and what the writer has counted once they are consumed. */
export interface SheetFile<S> {
  bytes: AsyncGenerator<Uint8Array>;
  state: S;
}

/**
 * One data file of a table's rows from `from` on, closed past FILE_BYTES: `exhausted` says the table is done,
 * else `cursor` is where the next file starts.
 */
export function tableFile(
  repo: ExportRepo,
  entry: PersonalTable,
  name: string,
  userId: string,
  from: Cursor | null,
): SheetFile<{ rows: number; cursor: Cursor | null; exhausted: boolean }> {
  const limit = PAGE_ROWS_BY_TABLE[name] ?? PAGE_ROWS;
  const state = { rows: 0, cursor: from, exhausted: false };
  // One row per line inside a JSON array: valid JSON for anyone, and readable line by line on re-import.
  async function* lines(): AsyncGenerator<Uint8Array> {
    yield encoder.encode('[\n');
    let bytes = 0;
    let first = true;
    while (bytes < FILE_BYTES) {
      const page = await repo.page(entry, userId, state.cursor, limit);
      for (const r of page.rows) {
        const line = encoder.encode(`${first ? '' : ',\n'}${JSON.stringify(r)}`);
        first = false;
        bytes += line.length;
        state.rows++;
        yield line;
      }
      if (page.cursor) state.cursor = page.cursor;
      if (page.rows.length < limit) {
        state.exhausted = true;
        break;
      }
    }
    yield encoder.encode('\n]\n');
  }
  return { bytes: lines(), state };
}

export type SheetName = 'activities' | 'planned_workouts' | 'ai_coach_messages';

/** A spreadsheet view, written page by page in id order. */
interface Sheet {
  header: string[];
  page(userId: string, afterId: string | null, limit: number): Promise<{ id: string }[]>;
  row(r: { id: string }): unknown[];
}
const sheet = <T extends { id: string }>(s: {
  header: string[];
  page(userId: string, afterId: string | null, limit: number): Promise<T[]>;
  row(r: T): unknown[];
}): Sheet => s as unknown as Sheet;

/** One spreadsheet, whole: its header, then every row of the person's in id order. */
export function sheetFile(repo: ExportRepo, name: SheetName, userId: string): SheetFile<{ rows: number }> {
  const s = sheets(repo)[name];
  const state = { rows: 0 };
  async function* csv(): AsyncGenerator<Uint8Array> {
    yield encoder.encode(toCsv(s.header, []));
    let after: string | null = null;
    for (;;) {
      const page: { id: string }[] = await s.page(userId, after, PAGE_ROWS);
      if (!page.length) break;
      state.rows += page.length;
      yield encoder.encode(csvRows(page.map(s.row)));
      after = page.at(-1)!.id;
      if (page.length < PAGE_ROWS) break;
    }
  }
  return { bytes: csv(), state };
}

const sheets = (repo: ExportRepo): Record<SheetName, Sheet> => ({
  activities: sheet({
    header: [
      'id',
      'date',
      'start_time',
      'name',
      'sport',
      'type',
      'source',
      'source_id',
      'moving_time_s',
      'elapsed_time_s',
      'distance_m',
      'elevation_gain_m',
      'avg_hr',
      'max_hr',
      'avg_power',
      'normalized_power',
      'avg_cadence',
      'calories',
      'load',
      'load_method',
      'rpe',
      'note',
      'duplicate_of',
    ],
    page: (u: string, a: string | null, n: number) => repo.activitySheet(u, a, n),
    row: (r) => [
      r.id,
      r.localStartDate,
      r.startTime,
      r.name,
      r.sport,
      r.sportOriginal,
      r.source,
      r.externalId,
      r.movingTimeS,
      r.elapsedTimeS,
      r.distanceM,
      r.elevationGainM,
      r.avgHr,
      r.maxHr,
      r.avgPower,
      r.normalizedPower,
      r.avgCadence,
      r.calories,
      r.load,
      r.loadMethod,
      r.rpe,
      r.note,
      r.duplicateOf,
    ],
  }),
  planned_workouts: sheet({
    header: [
      'id',
      'plan_id',
      'plan_status',
      'date',
      'slot',
      'week',
      'phase',
      'sport',
      'type',
      'title',
      'duration_s',
      'distance_m',
      'target_load',
      'skipped',
      'linked_activity_id',
      'description',
      'why',
    ],
    page: (u: string, a: string | null, n: number) => repo.workoutSheet(u, a, n),
    row: (r) => [
      r.id,
      r.planId,
      r.planStatus,
      r.date,
      r.slot,
      r.week,
      r.phase,
      r.sport,
      r.type,
      r.title,
      r.durationSec,
      r.distanceM,
      r.targetLoad,
      r.skipped,
      r.linkedActivityId,
      r.description,
      r.why,
    ],
  }),
  ai_coach_messages: sheet({
    header: ['id', 'conversation_id', 'conversation', 'created_at', 'role', 'status', 'content'],
    page: (u: string, a: string | null, n: number) => repo.coachMessageSheet(u, a, n),
    row: (r) => [r.id, r.conversationId, r.conversation, r.createdAt, r.role, r.status, r.content],
  }),
});
