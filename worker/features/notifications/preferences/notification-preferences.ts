import { z } from '@hono/zod-openapi';
import { CATEGORIES, type Category } from '../notification-types';

/** The email modes: what email carries beyond billing and security mail. */
export const EMAIL_MODES = ['daily', 'weekly', 'alerts', 'off'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

export const ChannelPrefs = z.object({ inApp: z.boolean(), email: z.boolean() });
export type ChannelPrefs = z.infer<typeof ChannelPrefs>;

/** One do-not-disturb window in local time; `end <= start` runs past midnight into the next day. */
export const DndWindow = z
  .object({
    day: z.int().min(1).max(7).openapi({ description: 'ISO weekday the window starts on: 1 Monday … 7 Sunday' }),
    start: z.int().min(0).max(1439).openapi({ description: 'Local minutes after midnight' }),
    end: z.int().min(0).max(1439).openapi({ description: 'Local minutes after midnight; at or before start means the next day' }),
  })
  .refine((w) => w.start !== w.end, { message: 'A do-not-disturb window needs a start and an end that differ' });
export type DndWindow = z.infer<typeof DndWindow>;

/** The daily workout reminder (ADR 079): a push and in-app notice of today's workout at a local time of day. */
export const WorkoutReminder = z
  .object({
    on: z.boolean(),
    minute: z.int().min(0).max(1439).openapi({ description: 'Local minutes after midnight, in the account’s time zone' }),
  })
  .openapi('WorkoutReminder');
export type WorkoutReminder = z.infer<typeof WorkoutReminder>;

export const NotificationPreferences = z
  .object({
    emailMode: z.enum(EMAIL_MODES),
    sendMinute: z
      .int()
      .min(0)
      .max(1439)
      .openapi({ description: 'Local time of day (minutes) for the daily digest and the Monday summary' }),
    channels: z.record(z.enum(CATEGORIES), ChannelPrefs),
    dnd: z.array(DndWindow).max(7),
    push: z
      .record(z.enum(CATEGORIES), z.boolean())
      .openapi({ description: 'Web Push per category, on the devices where you turned push on (Settings → Notifications)' }),
    reminder: WorkoutReminder,
    timeZone: z.string().openapi({ description: 'The account’s time zone (Settings); shown, not set, here' }),
  })
  .openapi('NotificationPreferences');
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const UpdateNotificationPreferences = z
  .object({
    emailMode: z.enum(EMAIL_MODES).optional(),
    sendMinute: z.int().min(0).max(1439).optional(),
    channels: z.partialRecord(z.enum(CATEGORIES), ChannelPrefs.partial()).optional(),
    dnd: z
      .array(DndWindow)
      .max(7)
      .refine((ws) => new Set(ws.map((w) => w.day)).size === ws.length, { message: 'One do-not-disturb window per weekday' })
      .optional(),
    push: z.partialRecord(z.enum(CATEGORIES), z.boolean()).optional(),
    reminder: WorkoutReminder.partial().strict().optional(),
  })
  .strict()
  .openapi('UpdateNotificationPreferences');
export type UpdateNotificationPreferences = z.infer<typeof UpdateNotificationPreferences>;

export const DEFAULT_SEND_MINUTE = 7 * 60;
/** Off until the athlete turns it on; 07:00 is what the form offers first. */
export const DEFAULT_REMINDER: WorkoutReminder = { on: false, minute: 7 * 60 };
export const DEFAULT_EMAIL_MODE: EmailMode = 'daily';
/** Evenings and nights are quiet until someone says otherwise: 22:00–07:00 every day. */
export const DEFAULT_DND: DndWindow[] = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: 22 * 60, end: 7 * 60 }));

/** Billing and security mail cannot be switched off by email; the in-app copy can. */
export const LOCKED_EMAIL: ReadonlySet<Category> = new Set(['account']);

export function effectiveChannels(stored: Record<string, Partial<ChannelPrefs>> | null | undefined): Record<Category, ChannelPrefs> {
  const out = {} as Record<Category, ChannelPrefs>;
  for (const c of CATEGORIES) {
    const s = stored?.[c] ?? {};
    out[c] = { inApp: s.inApp ?? true, email: LOCKED_EMAIL.has(c) ? true : (s.email ?? true) };
  }
  return out;
}

/** Push is on for every category by default: turning it on for a device is the athlete's consent. */
export function effectivePush(stored: Record<string, boolean> | null | undefined): Record<Category, boolean> {
  const out = {} as Record<Category, boolean>;
  for (const c of CATEGORIES) out[c] = stored?.[c] ?? true;
  return out;
}
