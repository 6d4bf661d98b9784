import { z } from '@hono/zod-openapi';
import { Role } from '../../lib/access-vocabulary';
import { ZONE_NAME } from '../../lib/dates';
import { FreeText } from '../../lib/text.schema';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-policy';

export const Email = z
  .email({ message: 'Enter a valid email address' })
  .max(254)
  .transform((v) => v.trim().toLowerCase())
  .openapi({ example: 'ada@example.com' });

// Passwords are kept exactly as typed (never trimmed); a control character is never one a person typed.
export const NewPassword = FreeText({
  min: PASSWORD_MIN,
  minMessage: `Use at least ${PASSWORD_MIN} characters`,
  max: PASSWORD_MAX,
  maxMessage: `Use at most ${PASSWORD_MAX} characters`,
  trim: false,
});
/** A password to check against the stored hash (any length up to the maximum). */
export const CurrentPassword = (minMessage: string) => FreeText({ min: 1, minMessage, max: PASSWORD_MAX, trim: false });

export const DisplayName = FreeText({ min: 1, minMessage: 'Tell us what to call you', max: 80 });

const knownZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** An IANA time zone name the runtime knows ("Europe/Berlin"). */
export const TimeZoneName = z
  .string()
  .regex(ZONE_NAME, { message: 'Choose a time zone from the list' })
  .refine(knownZone, { message: 'Choose a time zone from the list' });

export const RegisterInput = z
  .object({
    email: Email,
    password: NewPassword,
    inviteCode: FreeText({ min: 1, minMessage: 'An invite code is required', max: 64 }),
    displayName: DisplayName,
    // The browser's zone, shown on the form for the athlete to confirm or change; absent: UTC.
    timeZone: TimeZoneName.optional().openapi({ example: 'Europe/Berlin' }),
  })
  .openapi('RegisterInput');
export type RegisterInput = z.infer<typeof RegisterInput>;

export const LoginInput = z.object({ email: Email, password: CurrentPassword('Enter your password') }).openapi('LoginInput');
export type LoginInput = z.infer<typeof LoginInput>;

export const ForgotPasswordInput = z.object({ email: Email }).openapi('ForgotPasswordInput');

export const ResetPasswordInput = z
  .object({ token: FreeText({ min: 20, max: 200, trim: false }), password: NewPassword })
  .openapi('ResetPasswordInput');
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;

export const RequiredPasswordInput = z.object({ newPassword: NewPassword }).openapi('RequiredPasswordInput');

// The role list lives in the access vocabulary leaf (the route layer needs it without importing auth).
export { Role } from '../../lib/access-vocabulary';

export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: Role,
    displayName: z.string(),
    units: z.enum(['km', 'mi']),
    timeZone: z.string(),
    // False until the athlete chose or kept a zone: Home then offers the device's zone once.
    timeZoneConfirmed: z.boolean(),
    birthDate: z.string().nullable(),
    sex: z.enum(['female', 'male']).nullable(),
    createdAt: z.string(),
  })
  .openapi('User');
export type User = z.infer<typeof User>;

export const UserEnvelope = z.object({ user: User }).openapi('UserEnvelope');
export const Accepted = z.object({ ok: z.literal(true) }).openapi('Accepted');

/** Asking to change the sign-in address (ADR 040): the new one, and the password to prove it is the owner asking. */
export const EmailChangeInput = z.object({ newEmail: Email, password: CurrentPassword('Enter your password') }).openapi('EmailChangeInput');
export type EmailChangeInput = z.infer<typeof EmailChangeInput>;

export const PendingEmailChange = z
  .object({
    newEmail: z.string(),
    expiresAt: z.string(),
    /** When "send again" works next; null once this request has used its sends. */
    resendAt: z.string().nullable(),
  })
  .openapi('PendingEmailChange');
export const PendingEmailChangeEnvelope = z.object({ pending: PendingEmailChange.nullable() }).openapi('PendingEmailChangeEnvelope');

/** The one-time token of an email-change link (confirm or undo). */
export const EmailChangeToken = z
  .object({ token: FreeText({ min: 16, minMessage: 'The link is incomplete', max: 128 }) })
  .openapi('EmailChangeToken');
export const EmailChanged = z.object({ ok: z.literal(true), email: z.string() }).openapi('EmailChanged');
