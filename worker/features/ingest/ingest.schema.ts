import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';
import { TimeZoneName } from '../auth';
import { DoorStatus } from './file-doors/file-doors.schema';

export const IngestionStateOut = z
  .object({
    source: z.string(),
    status: z.enum(['queued', 'running', 'deferred', 'paused', 'done', 'error']),
    resumeAt: z.string().nullable(),
    doneCount: z.number().int(),
    totalEstimate: z.number().int().nullable(),
    lastError: z.string().nullable(),
    startedAt: z.string(),
    skippedDeleted: z
      .number()
      .int()
      .openapi({ description: 'Activities you deleted that the provider delivered again since this import began: not re-imported' }),
    updatedAt: z.string(),
  })
  .openapi('IngestionState');

export const IngestionStatus = z
  .object({
    paused: z.boolean(),
    connections: z.object({
      strava: z.object({
        connected: z.boolean(),
        athleteId: z.string().nullable(),
        // Strava refused our tokens (access revoked or lapsed): nothing is fetched until the athlete reconnects.
        reconnectNeeded: z.boolean(),
      }),
    }),
    /** The live doors this deploy offers (Garmin Connect, …), from one registry, and the athlete's connection to each. */
    doors: z.array(DoorStatus),
    states: z.array(IngestionStateOut),
    activityCount: z.number().int(),
  })
  .openapi('IngestionStatus');

export const CallbackQuery = z.object({
  code: FreeText({ max: 500 }).optional(),
  state: FreeText({ max: 2000 }).optional(),
  scope: FreeText({ max: 500 }).optional(),
  error: FreeText({ max: 200 }).optional(),
});
// The zone comes from the signup form's "Time zone" select (the browser's, confirmed by the athlete); absent: UTC.
export const SignupQuery = z.object({ invite: FreeText({ min: 1, max: 64 }), timeZone: TimeZoneName.optional() });

export const PauseInput = z.object({ paused: z.boolean() }).openapi('PauseInput');

export const JobCounts = z
  .object({
    queued: z.number().int(),
    running: z.number().int(),
    deferred: z.number().int(),
    done: z.number().int(),
    error: z.number().int(),
  })
  .openapi('JobCounts');
