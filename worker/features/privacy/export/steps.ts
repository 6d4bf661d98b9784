// The export job's plan and its units of work: each unit writes the files of one data file, spreadsheet, page of
// originals or plan, or the connected assistants, into the zip, and moves the progress on, so the job can checkpoint between any two units.
import { getTableConfig } from 'drizzle-orm/pg-core';
import { isUuid } from '../../../lib/ids';
import { chunksOf } from '../../../lib/streams';
import { PERSONAL_TABLES, type PersonalTable } from '../data-map';
import type { ExportDeps, Progress } from './export.deps';
import type { Cursor, ExportRepo } from './export.repo';
import { dataFilePath, type ManifestFile } from './manifest';
import { type SheetName, sheetFile, tableFile } from './sheets';
import type { ZipWriter } from './zip-writer';

const ORIGINALS_PAGE = 25;

/** Where the athlete's own objects live in R2 (uploads, and files fetched from Garmin and Polar until imported). */
export const ORIGINAL_PREFIXES = (userId: string) => [`imports/${userId}/`, `file-doors/${userId}/`];

export type Step =
  | { kind: 'table'; entry: PersonalTable; name: string; area: string }
  | { kind: 'csv'; name: SheetName }
  | { kind: 'originals' }
  | { kind: 'plans' }
  | { kind: 'assistants' };

/** The assistants connected by OAuth: a data file beside the sessions, with an area and no table (they live in KV). */
export const ASSISTANTS_PATH = dataFilePath('security', 'connected_assistants', 1);

/**
 * The job's plan, from the data map: every exported table, then the spreadsheets, the originals, the plans and the
 * connected assistants (last, so the step indexes in a checkpoint written before they were added still name the same units).
 */
export function exportSteps(): Step[] {
  const tables: Step[] = PERSONAL_TABLES.flatMap((entry) =>
    'area' in entry.export ? [{ kind: 'table' as const, entry, name: getTableConfig(entry.table).name, area: entry.export.area }] : [],
  );
  return [
    ...tables,
    { kind: 'csv', name: 'activities' },
    { kind: 'csv', name: 'planned_workouts' },
    { kind: 'csv', name: 'ai_coach_messages' },
    { kind: 'originals' },
    { kind: 'plans' },
    { kind: 'assistants' },
  ];
}

/** What a unit writes through: the zip, the manifest so far and the progress it moves on. */
interface Unit {
  deps: Pick<ExportDeps, 'bucket' | 'planFiles' | 'assistants'>;
  repo: ExportRepo;
  userId: string;
  p: Progress;
  zip: ZipWriter;
  files: ManifestFile[];
}

async function add(
  u: Unit,
  file: Omit<ManifestFile, 'bytes' | 'sha256'>,
  content: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  store = false,
): Promise<ManifestFile> {
  const written = await u.zip.add(file.path, content, { store });
  const record: ManifestFile = { ...file, bytes: written.size, sha256: written.sha256 };
  u.files.push(record);
  u.p.filesWritten++;
  u.p.bytesWritten = u.zip.state.offset;
  return record;
}

function nextStep(p: Progress): void {
  p.step++;
  p.cursor = null;
  p.chunk = 1;
}

/** Writes the files of one unit of work and moves `u.p` on. */
export async function runUnit(u: Unit, step: Step): Promise<void> {
  if (step.kind === 'table') return tableUnit(u, step);
  if (step.kind === 'csv') return sheetUnit(u, step.name);
  if (step.kind === 'originals') return originalsUnit(u);
  if (step.kind === 'assistants') return assistantsUnit(u);
  return planUnit(u);
}

async function tableUnit(u: Unit, step: Extract<Step, { kind: 'table' }>): Promise<void> {
  const { p } = u;
  const file = tableFile(u.repo, step.entry, step.name, u.userId, p.cursor as Cursor | null);
  const record = await add(
    u,
    { path: dataFilePath(step.area, step.name, p.chunk), kind: 'data', table: step.name, area: step.area },
    file.bytes,
  );
  // The count is final once the entry is written; patch it into the record just pushed.
  record.rows = file.state.rows;
  if (file.state.exhausted) nextStep(p);
  else {
    p.cursor = file.state.cursor;
    p.chunk++;
  }
}

async function sheetUnit(u: Unit, name: SheetName): Promise<void> {
  const file = sheetFile(u.repo, name, u.userId);
  const record = await add(u, { path: `spreadsheets/${name}.csv`, kind: 'csv' }, file.bytes);
  record.rows = file.state.rows;
  nextStep(u.p);
}

/** One page of the athlete's own objects, under the prefixes in turn. */
async function originalsUnit(u: Unit): Promise<void> {
  const { p, deps } = u;
  const at = (p.cursor as { prefix: number; after: string | null } | null) ?? { prefix: 0, after: null };
  const prefixes = ORIGINAL_PREFIXES(u.userId);
  const prefix = prefixes[at.prefix];
  if (!prefix) return nextStep(p);
  const page = await deps.bucket.list({ prefix, limit: ORIGINALS_PAGE, ...(at.after ? { startAfter: at.after } : {}) });
  const importIds = page.objects.map((o) => o.key.slice(prefix.length)).filter(isUuid);
  const names = prefix.startsWith('imports/') ? await u.repo.uploadNames(u.userId, importIds) : new Map<string, string>();
  for (const o of page.objects) {
    const obj = await deps.bucket.get(o.key);
    if (!obj) continue; // deleted since it was listed (an import finished, a door disconnected)
    const rest = o.key.slice(prefix.length);
    const path = prefix.startsWith('imports/')
      ? `originals/uploads/${rest}/${names.get(rest) ?? 'upload'}`
      : `originals/${rest
          .split('/')
          .map((s) => safeSegment(decodeURIComponentSafe(s)))
          .join('/')}`;
    await add(u, { path, kind: 'original' }, chunksOf(obj.body), /\.(zip|gz|fit\.gz|gpx\.gz|tcx\.gz)$/i.test(path));
  }
  if (page.truncated && page.objects.length) p.cursor = { prefix: at.prefix, after: page.objects.at(-1)!.key };
  else if (at.prefix + 1 < prefixes.length) p.cursor = { prefix: at.prefix + 1, after: null };
  else nextStep(p);
}

/** One plan per unit, its calendar and workout files. */
async function planUnit(u: Unit): Promise<void> {
  const [plan] = await u.repo.planIds(u.userId, (u.p.cursor as string | null) ?? null, 1);
  if (!plan) return nextStep(u.p);
  for (const f of await u.deps.planFiles(u.userId, plan.id))
    await add(u, { path: `plans/${plan.startDate}-${plan.id.slice(0, 8)}/${f.name}`, kind: 'plan' }, [f.bytes]);
  u.p.cursor = plan.id;
}

/**
 * Whom the athlete's data is disclosed to (GDPR Art. 15(1)(c)): name, host, scopes and dates, one row per line as a
 * table's data file. The re-import passes it over (no table to restore into): a grant is made again by connecting.
 */
async function assistantsUnit(u: Unit): Promise<void> {
  const rows = (await u.deps.assistants(u.userId)).map((a) => ({
    client_name: a.clientName,
    redirect_host: a.redirectHost,
    scopes: a.scopes,
    created_at: a.createdAt,
    last_used_at: a.lastUsedAt,
    expires_at: a.expiresAt,
  }));
  const json = `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
  const record = await add(u, { path: ASSISTANTS_PATH, kind: 'data', area: 'security' }, [new TextEncoder().encode(json)]);
  record.rows = rows.length;
  nextStep(u.p);
}

const safeSegment = (s: string) =>
  s
    .replace(/[\\/\u0000-\u001f]/g, '_')
    .replace(/^\.+$/, '_')
    .slice(0, 200) || '_';

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
