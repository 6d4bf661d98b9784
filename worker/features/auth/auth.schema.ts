import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-policy';

export const Email = z
  .email({ message: 'Enter a valid email address' })
  .max(254)
  .transform((v) => v.trim().toLowerCase())
  .openapi({ example: 'ada@example.com' });

export const NewPassword = z
  .string()
  .min(PASSWORD_MIN, { message: `Use at least ${PASSWORD_MIN} characters` })
  .max(PASSWORD_MAX, { message: `Use at most ${PASSWORD_MAX} characters` });

export const DisplayName = FreeText({ min: 1, minMessage: 'Tell us what to call you', max: 80 });

export const RegisterInput = z
  .object({
    email: Email,
    password: NewPassword,
    inviteCode: FreeText({ min: 1, minMessage: 'An invite code is required', max: 64 }),
    displayName: DisplayName,
  })
  .openapi('RegisterInput');
export type RegisterInput = z.infer<typeof RegisterInput>;

export const LoginInput = z
  .object({ email: Email, password: z.string().min(1, { message: 'Enter your password' }).max(PASSWORD_MAX) })
  .openapi('LoginInput');
export type LoginInput = z.infer<typeof LoginInput>;

export const ForgotPasswordInput = z.object({ email: Email }).openapi('ForgotPasswordInput');

export const ResetPasswordInput = z.object({ token: z.string().min(20).max(200), password: NewPassword }).openapi('ResetPasswordInput');
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;

export const RequiredPasswordInput = z.object({ newPassword: NewPassword }).openapi('RequiredPasswordInput');

export const Role = z.enum(['athlete', 'coach', 'admin', 'owner', 'demo']);
export type Role = z.infer<typeof Role>;

export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: Role,
    displayName: z.string(),
    units: z.enum(['km', 'mi']),
    timeZone: z.string(),
    birthDate: z.string().nullable(),
    sex: z.enum(['female', 'male']).nullable(),
    createdAt: z.string(),
  })
  .openapi('User');
export type User = z.infer<typeof User>;

export const UserEnvelope = z.object({ user: User }).openapi('UserEnvelope');
export const Accepted = z.object({ ok: z.literal(true) }).openapi('Accepted');
