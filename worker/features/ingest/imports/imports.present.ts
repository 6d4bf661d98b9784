// An import job as the API and the pages show it (dates as ISO strings).
import type { ImportRow } from './imports.repo';
import type { ImportJob } from './imports.schema';

export const present = (r: ImportRow): ImportJob => ({
  id: r.id,
  filename: r.filename,
  sizeBytes: r.sizeBytes,
  status: r.status,
  kind: r.kind,
  found: r.found,
  imported: r.imported,
  duplicates: r.duplicates,
  skipped: r.skipped,
  warnings: r.warnings,
  summary: r.summary,
  error: r.error,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});
