import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';

export const ImportJob = z
  .object({
    id: z.uuid(),
    filename: z.string(),
    sizeBytes: z.number().int(),
    status: z.enum(['queued', 'running', 'done', 'error']),
    kind: z.string().nullable().openapi({ description: 'strava_archive, garmin_export, zip, gzip, fit, gpx or tcx once known' }),
    found: z.number().int(),
    imported: z.number().int(),
    duplicates: z.number().int(),
    skipped: z
      .array(z.object({ name: z.string(), reason: z.string(), detail: z.string().optional() }))
      .openapi({ description: 'Files or activities left out, and why' }),
    warnings: z
      .array(z.object({ name: z.string(), reason: z.string(), detail: z.string().optional() }))
      .openapi({ description: 'Imported, but something in them was cleaned or left out (points without time, a truncated file, …)' }),
    summary: z
      .object({
        upgraded: z
          .number()
          .int()
          .optional()
          .openapi({ description: 'Strava API copies replaced in place by their originals (same id, links and notes)' }),
        keptStrava: z
          .number()
          .int()
          .optional()
          .openapi({ description: 'Strava API copies left as they were: the upload had only a summary of them' }),
        stravaArchive: z
          .object({
            rows: z.number().int(),
            withFiles: z.number().int(),
            manual: z.number().int(),
            missing: z.number().int(),
            unreadable: z.number().int(),
          })
          .optional()
          .openapi({
            description:
              "A Strava archive's activities.csv: its rows, those with their original file, manual entries, files missing or unreadable",
          }),
        wellness: z
          .object({
            weight: z.number().int(),
            sleep: z.number().int(),
            hrv: z.number().int(),
            rejected: z.number().int(),
            left: z.array(z.string()),
          })
          .optional()
          .openapi({
            description:
              'Wellness in FIT files: weight readings, nights of sleep and overnight HRV summaries stored, readings dropped as impossible, and what was left out and why',
          }),
      })
      .openapi({ description: 'What the import did beyond its counts' }),
    error: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('ImportJob');
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
/** A file's name as the athlete's device gave it (query or multipart part); stored with the job. */
export const ImportFilename = FreeText({ min: 1, max: 200 });
export const UploadQuery = z.object({
  filename: ImportFilename.optional().openapi({ description: 'File name, for raw (non-multipart) uploads' }),
});
