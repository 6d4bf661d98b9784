// Garmin Connect Developer Program, Activity API: the JSON Garmin sends and answers, as far as public client
// code shows it (sources in docs/decisions/038-live-file-doors.md). Pure: no fetch, so the sandbox's tests and
// the adapter read the same shapes.
import { z } from 'zod';

// Ping bodies end up in jsonb (webhook_events), which refuses NUL; no control character belongs in these fields.
const Text = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'control character');
/** Garmin's user ids: 32 hex characters, or a UUID for newer accounts. */
const UserId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

export const GarminFileType = z.enum(['FIT', 'TCX', 'GPX']);

/** One `activityFiles` ping entry: the file of one activity, fetched once from `callbackURL` within 24 hours. */
export const ActivityFilePing = z.object({
  userId: UserId,
  summaryId: Text(100).min(1),
  fileType: GarminFileType,
  callbackURL: z.url().max(2000),
  startTimeInSeconds: z.number().int().nonnegative().optional(),
  activityId: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).optional(),
  activityName: Text(300).optional(),
  activityType: Text(100).optional(),
  deviceName: Text(200).optional(),
  manual: z.boolean().optional(),
  isWebUpload: z.boolean().optional(),
  // Sent to OAuth 1.0a clients only, and being retired: carried through, never relied on.
  userAccessToken: Text(500).optional(),
});
export type ActivityFilePing = z.infer<typeof ActivityFilePing>;

export const Deregistration = z.object({ userId: UserId, userAccessToken: Text(500).optional() });

export const PermissionsChange = z.object({
  userId: UserId,
  summaryId: Text(100).optional(),
  permissions: z.array(Text(60)).max(50),
  changeTimeInSeconds: z.number().int().optional(),
});

// A push can carry thousands of entries (a backfill); more than this is not a ping we sent for.
const MAX_ENTRIES = 10_000;

/**
 * A notification body. Garmin sends one summary type per POST; we configure `activityFiles`, `deregistrations`
 * and `userPermissionsChange` to our endpoint. Other summary types are not ours to read and are left out.
 */
export const GarminNotification = z.object({
  activityFiles: z.array(ActivityFilePing).max(MAX_ENTRIES).optional(),
  deregistrations: z.array(Deregistration).max(MAX_ENTRIES).optional(),
  userPermissionsChange: z.array(PermissionsChange).max(MAX_ENTRIES).optional(),
});
export type GarminNotification = z.infer<typeof GarminNotification>;

/** `POST …/oauth/token`: access tokens live a day, refresh tokens about 90 days and rotate on every refresh. */
export const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1),
  refresh_token_expires_in: z.number().int().optional(),
  scope: z.string().optional(),
  jti: z.string().optional(),
});

export const UserIdResponse = z.object({ userId: UserId });
export const PermissionsResponse = z.array(z.string());

/** The permission that lets us read activity files; the athlete can untick it on Garmin's consent page. */
export const ACTIVITY_EXPORT = 'ACTIVITY_EXPORT';

/** The activity id a ping names: `activityId`, or the summary id without its `-file` suffix (older pings). */
export const activityIdOf = (p: ActivityFilePing): string =>
  p.activityId !== undefined ? String(p.activityId) : p.summaryId.replace(/-file$/, '');

/** Backfill accepts at most 30 days per request; longer spans are asked for in several. */
export const BACKFILL_MAX_DAYS = 30;

/** [start, end) windows of at most 30 days, in seconds, covering `from`..`to`. */
export function backfillWindows(from: Date, to: Date): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const step = BACKFILL_MAX_DAYS * 86_400;
  const last = Math.floor(to.getTime() / 1000);
  for (let start = Math.floor(from.getTime() / 1000); start < last; start += step) out.push({ start, end: Math.min(last, start + step) });
  return out;
}
