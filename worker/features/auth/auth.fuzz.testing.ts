// The API fuzz test's targets for auth's operations (worker/http/api-fuzz.test.ts collects every feature's):
// real rows made for each operation alone, so its valid request succeeds and its mutations reach as deep as they can.
import { eq } from 'drizzle-orm';
import { emailChanges, passwordResetTokens, sessions, users } from '../../db/schema';
import { randomToken, sha256Hex } from '../../lib/crypto';
import { PASSWORD, uniqueEmail } from '../../testing/harness';
import { type TargetSpec, ago } from '../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  // Accounts: a real login, sessions to end, a redeemable reset token, a password that must change.
  'POST /api/v1/auth/login': { make: async (k) => ({ body: { email: (await k.person()).email, password: PASSWORD } }) },
  'POST /api/v1/auth/logout': { consumes: true, make: async (k) => ({ cookie: (await k.person()).cookie }) },
  'POST /api/v1/auth/logout-all': { consumes: true, make: async (k) => ({ cookie: (await k.person()).cookie }) },
  'POST /api/v1/auth/password/reset': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      const token = randomToken(32);
      await k.h.db
        .insert(passwordResetTokens)
        .values({ tokenHash: await sha256Hex(token), userId: p.id, expiresAt: new Date(Date.now() + 3_600_000) });
      return { body: { token, password: 'a brand new fuzz passphrase' } };
    },
  },
  'POST /api/v1/auth/password/required': {
    consumes: true,
    make: async (k) => ({
      cookie: (await k.person('athlete', { mustChangePassword: true })).cookie,
      body: { newPassword: 'a brand new fuzz passphrase' },
    }),
  },
  'POST /api/v1/me/password': {
    consumes: true,
    make: async (k) => ({
      cookie: (await k.person()).cookie,
      body: { currentPassword: PASSWORD, newPassword: 'a brand new fuzz passphrase' },
    }),
  },
  // Email change (ADR 040): a fresh account each (wrong-password mutations lock only it), a pending change
  // sent long enough ago to resend, a known confirmation token, a confirmed change with its undo token.
  'POST /api/v1/me/email-change': {
    consumes: true,
    make: async (k) => ({ cookie: (await k.person()).cookie, body: { newEmail: uniqueEmail('fuzz-new'), password: PASSWORD } }),
  },
  'POST /api/v1/me/email-change/resend': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      await k.h.db.insert(emailChanges).values({
        userId: p.id,
        oldEmail: p.email,
        newEmail: uniqueEmail('fuzz-new'),
        confirmTokenHash: await sha256Hex(randomToken(32)),
        confirmExpiresAt: new Date(Date.now() + 3_600_000),
        lastSentAt: ago(5),
      });
      return { cookie: p.cookie };
    },
  },
  'DELETE /api/v1/me/email-change': { make: async (k) => ({ cookie: (await k.person()).cookie }) },
  'POST /api/v1/auth/email-change/confirm': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      const token = randomToken(32);
      await k.h.db.insert(emailChanges).values({
        userId: p.id,
        oldEmail: p.email,
        newEmail: uniqueEmail('fuzz-new'),
        confirmTokenHash: await sha256Hex(token),
        confirmExpiresAt: new Date(Date.now() + 3_600_000),
        lastSentAt: ago(5),
      });
      return { cookie: null, body: { token } };
    },
  },
  'POST /api/v1/auth/email-change/undo': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      const token = randomToken(32);
      await k.h.db.insert(emailChanges).values({
        userId: p.id,
        oldEmail: uniqueEmail('fuzz-old'),
        newEmail: p.email,
        confirmTokenHash: await sha256Hex(randomToken(32)),
        confirmExpiresAt: ago(60),
        lastSentAt: ago(120),
        confirmedAt: ago(60),
        undoTokenHash: await sha256Hex(token),
        undoExpiresAt: new Date(Date.now() + 3_600_000),
      });
      return { cookie: null, body: { token } };
    },
  },
  'DELETE /api/v1/me/sessions/{id}': {
    consumes: true,
    make: async (k) => {
      const other = await k.person();
      const [s] = await k.h.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, other.id));
      // Another session of the same account, so the caller's own stays.
      const token = randomToken(32);
      const [row] = await k.h.db.select({ v: users.authVersion }).from(users).where(eq(users.id, other.id));
      await k.h.db
        .insert(sessions)
        .values({ tokenHash: await sha256Hex(token), userId: other.id, authVersion: row!.v, expiresAt: new Date(Date.now() + 3_600_000) });
      return { cookie: other.cookie.replace(/=.*/, `=${token}`), params: { id: s!.id } };
    },
  },
};
