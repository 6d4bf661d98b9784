import { z } from '@hono/zod-openapi';
import { EntitlementsSchema } from '../membership';
import { ZONE_NAME } from '../../lib/dates';
import { CurrentPassword, DisplayName, NewPassword, User } from '../auth';

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const BirthDate = z.iso
  .date({ message: 'Use the format YYYY-MM-DD' })
  .refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), { message: 'Enter a real birth date' });

export const UpdateProfileInput = z
  .object({
    displayName: DisplayName.optional(),
    units: z.enum(['km', 'mi']).optional(),
    timeZone: z
      .string()
      .regex(ZONE_NAME, { message: 'Choose a time zone from the list' })
      .refine(isTimeZone, { message: 'Choose a time zone from the list' })
      .optional(),
    birthDate: BirthDate.nullable().optional(),
    sex: z.enum(['female', 'male']).nullable().optional(),
    // "Keep UTC" on the Home question: the stored zone stays, and the question stops.
    timeZoneConfirmed: z.literal(true).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: 'Nothing to update: send at least one of displayName, units, timeZone, timeZoneConfirmed, birthDate, sex.',
  })
  .openapi('UpdateProfileInput');
export type UpdateProfileInput = z.infer<typeof UpdateProfileInput>;

export const ChangePasswordInput = z
  .object({ currentPassword: CurrentPassword('Enter your current password'), newPassword: NewPassword })
  .openapi('ChangePasswordInput');

export const Me = z
  .object({
    user: User,
    permissions: z.array(z.string()),
    entitlements: EntitlementsSchema.optional().openapi({ description: 'What your tier includes (GET only)' }),
  })
  .openapi('Me');

export const SessionSummary = z
  .object({
    id: z.uuid(),
    userAgent: z.string().nullable(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    current: z.boolean(),
  })
  .openapi('Session');
export const SessionList = z.object({ sessions: z.array(SessionSummary) }).openapi('SessionList');
export const SessionIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
