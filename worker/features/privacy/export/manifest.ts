// manifest.json, the archive's table of contents: what format it is, whose it is, and every other file with
// its size, rows and SHA-256, so the athlete (or a re-import) can check the archive is whole (ADR 041).
import { z } from 'zod';

export const ARCHIVE_FORMAT = 'cadence-export';
export const FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';

export const ManifestFile = z.object({
  path: z.string().min(1).max(1000),
  /** data: rows as JSON; csv: a spreadsheet view; original: a file as it was uploaded or fetched; plan: a plan export. */
  kind: z.enum(['data', 'csv', 'original', 'plan']),
  bytes: z.int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Rows in a data or CSV file. */
  rows: z.int().min(0).optional(),
  /** A data file's table (SQL name) and export area; the connected assistants (KV, ADR 107) have an area, no table. */
  table: z.string().max(100).optional(),
  area: z.string().max(50).optional(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const Manifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.int().min(1),
  createdAt: z.iso.datetime(),
  accountId: z.uuid(),
  requestId: z.uuid(),
  /** Rows per table, summed over its files. */
  counts: z.record(z.string(), z.int().min(0)),
  files: z.array(ManifestFile),
});
export type Manifest = z.infer<typeof Manifest>;

export function buildManifest(input: { createdAt: Date; accountId: string; requestId: string; files: ManifestFile[] }): Manifest {
  const counts: Record<string, number> = {};
  for (const f of input.files) if (f.table) counts[f.table] = (counts[f.table] ?? 0) + (f.rows ?? 0);
  return {
    format: ARCHIVE_FORMAT,
    formatVersion: FORMAT_VERSION,
    createdAt: input.createdAt.toISOString(),
    accountId: input.accountId,
    requestId: input.requestId,
    counts,
    files: input.files,
  };
}

/** The file names a data table's rows go to: `<table>.json`, then `<table>.2.json`, … when it is split. */
export const dataFilePath = (area: string, table: string, chunk: number) => `data/${area}/${table}${chunk > 1 ? `.${chunk}` : ''}.json`;
