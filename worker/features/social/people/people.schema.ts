// The people routes' own shapes: settings, privacy zones, follow states and the directory's query. People as
// others see them (lists, requests, the directory's page, profiles) are the serializer's (posts/serializer.schema.ts).
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';
import { ENDS_RANGE_M, ZONE_RADIUS_RANGE_M } from '../privacy-zones';

const Visibility = z.enum(['public', 'followers', 'private']);

const settingsFields = {
  profileVisibility: z.enum(['public', 'private']).openapi({ description: "'private' approves each follower" }),
  publicPage: z.boolean().openapi({ description: 'A page anyone, signed out too, may open' }),
  inDirectory: z.boolean().openapi({ description: 'Findable by name in the directory' }),
  defaultPostVisibility: Visibility,
  hideMap: z.boolean(),
  hideHeartRate: z.boolean(),
  hidePacePower: z.boolean(),
  hideNotes: z.boolean(),
  // Never below the default once anything is shared (ADR 082): the start and end of a run are where one lives.
  endCutM: z.int().min(ENDS_RANGE_M.min).max(ENDS_RANGE_M.max).openapi({ description: 'Metres hidden at each end of every shared map' }),
  hideWholeMap: z.boolean(),
  leaderboardOptIn: z.boolean(),
};

export const SocialSettingsUpdate = z.object(settingsFields).partial().openapi('SocialSettingsUpdate');
export type SocialSettingsUpdate = z.infer<typeof SocialSettingsUpdate>;

export const SocialSettingsView = z
  .object({
    ...settingsFields,
    endCutM: z.int(),
    suspendedUntil: z.string().nullable().openapi({ description: 'A moderation suspension’s end, if any' }),
    saved: z.boolean().openapi({ description: 'false: never chosen, these are the private defaults' }),
  })
  .openapi('SocialSettings');

export const ZoneInput = z
  .object({
    label: FreeText({ max: 60, min: 1 }),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    radiusM: z.int().min(ZONE_RADIUS_RANGE_M.min).max(ZONE_RADIUS_RANGE_M.max),
  })
  .openapi('PrivacyZoneInput');
export type ZoneInput = z.infer<typeof ZoneInput>;

export const ZoneView = z
  .object({ id: z.uuid(), label: z.string(), lat: z.number(), lon: z.number(), radiusM: z.int(), createdAt: z.string() })
  .openapi('PrivacyZone');
export const ZoneList = z.object({ zones: z.array(ZoneView) }).openapi('PrivacyZoneList');

export const FollowState = z
  .object({ status: z.enum(['accepted', 'pending']).openapi({ description: 'accepted: following; pending: asked, waiting' }) })
  .openapi('FollowState');
export const Done = z.object({ ok: z.literal(true) }).openapi('PeopleDone');

export const DirectoryQuery = z
  .object({
    q: FreeText({ max: 60 }).optional().openapi({ description: 'The start of a name' }),
    cursor: z
      .string()
      .max(300)
      .regex(/^[A-Za-z0-9_-]+$/, { message: 'Not a page cursor' })
      .optional()
      .openapi({ description: 'nextCursor of the previous page' }),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .openapi('DirectoryQuery');
export type DirectoryQuery = z.output<typeof DirectoryQuery>;
