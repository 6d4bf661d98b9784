import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';
import { ACTIVITY_SOURCES, DATA_QUALITY_CODES, SORT_KEYS, SPORTS } from './activity.types';

export const ActivitySummary = z
  .object({
    id: z.uuid(),
    source: z.enum(ACTIVITY_SOURCES),
    sport: z.enum(SPORTS),
    sportOriginal: z.string(),
    name: z.string(),
    startTime: z.string(),
    localStartDate: z.string(),
    movingTimeS: z.number().int(),
    elapsedTimeS: z.number().int(),
    distanceM: z.number(),
    elevationGainM: z.number().nullable(),
    avgHr: z.number().nullable(),
    maxHr: z.number().nullable(),
    avgPower: z.number().nullable(),
    detailComplete: z.boolean(),
  })
  .openapi('ActivitySummary');
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const DataQualityNote = z
  .object({
    code: z.enum(DATA_QUALITY_CODES),
    message: z.string().openapi({ example: '14 GPS points ignored: implausible speed' }),
    count: z.number().int().optional(),
  })
  .openapi('DataQualityNote');

export const LinkedCopy = z
  .object({
    id: z.uuid(),
    source: z.enum(ACTIVITY_SOURCES),
    name: z.string(),
    startTime: z.string(),
    distanceM: z.number(),
    elapsedTimeS: z.number().int(),
    canonical: z.boolean().openapi({ description: 'The copy shown and counted for the effort' }),
  })
  .openapi('LinkedCopy');

export const ActivityDetail = ActivitySummary.extend({
  duplicateOf: z
    .uuid()
    .nullable()
    .openapi({ description: 'The copy counted instead of this one, when another device or source recorded the same effort' }),
  linkedCopies: z.array(LinkedCopy).openapi({ description: 'Other recordings of the same effort (empty when none)' }),
  dataQuality: z.array(DataQualityNote).openapi({ description: 'What was cleaned or left out on import' }),
  sportInferred: z.boolean().openapi({ description: 'The source named no sport; it was inferred from speed' }),
  description: z
    .string()
    .nullable()
    .openapi({ description: "The athlete's own description, where the source carries one (a Strava archive)" }),
  gear: z.string().nullable().openapi({ description: 'The gear it was done with, as the athlete named it' }),
  commute: z.boolean().nullable(),
  replacedStravaCopy: z.boolean().openapi({
    description: "This activity was a Strava API copy, replaced in place by the athlete's own file (same id, links and notes)",
  }),
}).openapi('ActivityDetail');
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const SplitResult = z
  .object({
    detached: z.number().int().openapi({ description: 'How many copies this activity was separated from (0 when it had none)' }),
    activity: ActivityDetail,
  })
  .openapi('ActivitySplit');

export const ActivityList = z
  .object({ activities: z.array(ActivitySummary), total: z.number().int(), nextBefore: z.string().nullable() })
  .openapi('ActivityList');

export const ListActivitiesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Page: only activities that started before this time' }),
});

export const ActivityIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

// The activities list (ADR 064): search, filters, sort and paging; bulk edits and their undo.
const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter((s) => s !== '') : v), z.array(item).max(20));
export const Tag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^,\p{Cc}]+$/u, 'A tag has no commas or control characters');

export const SearchActivitiesQuery = z.object({
  q: FreeText({ max: 100 }).optional().openapi({ description: 'Words in the name, description or your note' }),
  sport: csv(z.enum(SPORTS)).optional().openapi({ description: 'Comma-separated sports' }),
  source: csv(z.enum(ACTIVITY_SOURCES)).optional().openapi({ description: 'Comma-separated sources' }),
  from: z.iso.date().optional().openapi({ description: 'First local date (inclusive)' }),
  to: z.iso.date().optional().openapi({ description: 'Last local date (inclusive)' }),
  device: FreeText({ min: 1, max: 100 }).optional().openapi({ description: 'The recording device as its source names it' }),
  tag: csv(Tag).optional().openapi({ description: 'Comma-separated tags: activities with all of them' }),
  hidden: z.enum(['exclude', 'only', 'include']).default('exclude'),
  sort: z.enum(SORT_KEYS).default('date'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const ListedActivity = z
  .object({
    id: z.uuid(),
    source: z.enum(ACTIVITY_SOURCES),
    sport: z.enum(SPORTS),
    name: z.string(),
    startTime: z.string(),
    localStartDate: z.string(),
    movingTimeS: z.number().int(),
    elapsedTimeS: z.number().int(),
    distanceM: z.number(),
    elevationGainM: z.number().nullable(),
    avgHr: z.number().nullable(),
    avgPower: z.number().nullable(),
    load: z.number().nullable(),
    intensity: z.number().nullable().openapi({ description: 'Intensity factor (IF)' }),
    device: z.string().nullable(),
    tags: z.array(z.string()),
    hidden: z.boolean(),
  })
  .openapi('ListedActivity');

export const ActivitySearch = z
  .object({
    activities: z.array(ListedActivity),
    total: z.number().int().openapi({ description: 'How many match, across every page' }),
    devices: z.array(z.string()).openapi({ description: 'Every device your activities name, for the filter' }),
    tags: z.array(z.string()).openapi({ description: 'Every tag you use, for the filter' }),
  })
  .openapi('ActivitySearch');

export const BulkEditInput = z
  .object({
    ids: z.array(z.uuid()).min(1).max(200),
    change: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('sport'), sport: z.enum(SPORTS) }),
      z.object({ kind: z.literal('addTags'), tags: z.array(Tag).min(1).max(10) }),
      z.object({ kind: z.literal('removeTags'), tags: z.array(Tag).min(1).max(10) }),
      z.object({ kind: z.literal('hide') }),
      z.object({ kind: z.literal('unhide') }),
      z.object({ kind: z.literal('delete') }),
    ]),
  })
  .openapi('ActivityBulkEditInput');

export const BulkEditResult = z
  .object({
    editId: z.uuid(),
    kind: z.enum(['sport', 'addTags', 'removeTags', 'hide', 'unhide', 'delete']),
    count: z.number().int(),
    undoUntil: z.string().openapi({ description: 'Undo works until then; a delete is final after it' }),
  })
  .openapi('ActivityBulkEdit');

export const BulkEditIdParam = z.object({ editId: z.uuid().openapi({ param: { name: 'editId', in: 'path' } }) });
export const UndoResult = z.object({ restored: z.number().int() }).openapi('ActivityBulkUndo');
