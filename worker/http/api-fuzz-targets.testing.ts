// What each operation of the API fuzz test acts on, where the shared world's ids are not it: real rows made
// for that operation alone (an athlete to block, a failed job to retry, a token to redeem), so its valid
// request succeeds and every mutation of it reaches as deep as it can. An operation whose valid request uses
// its target up (`consumes`) gets two: one its mutations run against, one for its valid request.
import { env } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import {
  athleteThresholds,
  automationRuns,
  automations,
  coachMessages,
  coachTasks,
  emailChanges,
  importJobs,
  ingestJobs,
  ingestionState,
  membershipGrants,
  notifications,
  passwordResetTokens,
  privacyRequests,
  providerConnections,
  sessions,
  smsMessages,
  stripeEvents,
  users,
} from '../db/schema';
import { strToU8, zipSync } from 'fflate';
import { athleteOf } from '../features/analytics';
import { archiveKey } from '../features/privacy/export/export.service';
import { hashPassword } from '../features/auth/password';
import { mintUnsubscribeToken } from '../features/notifications/unsubscribe/unsubscribe-token';
import { input, noChat, proposalWorld, threeActions } from '../features/ai-coach/proposals/proposals.testing';
import { planRequest, rows } from '../features/plans/control/plans-control.testing';
import { stripeEvent } from '../features/stripe-inbox/stripe.testing';
import { sandbox } from '../features/coach-os/sms/sms-testing';
import { addDays, todayIn } from '../lib/dates';
import { randomToken, sha256Hex } from '../lib/crypto';
import { createSecretBox } from '../lib/secret-box';
import { analyticsWorld } from '../testing/analytics';
import { buildActivity } from '../testing/factories/activity';
import { gpxRun } from '../testing/fixtures/files';
import { PASSWORD, uniqueEmail, type Harness } from '../testing/harness';
import { giveTeam, giveTier } from '../testing/scenarios';

/** One operation's valid request, where it differs from what the shared world gives. */
export interface Target {
  /** Who calls (null: nobody signed in). */
  cookie?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** A JSON body, or a raw one (a string) with `headers` saying what it is. */
  body?: unknown;
  headers?: Record<string, string>;
}
export interface TargetSpec {
  make: (k: Kit) => Promise<Target>;
  /** The valid request uses its target up (deletes, redeems, ends it): mutations get a target of their own. */
  consumes?: boolean;
}

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const REASON = 'Fuzz baseline';

/** What the target makers build with: the harness, the shared world's people and ids, and cheap new accounts. */
export function kit(
  h: Harness,
  w: {
    athlete: { id: string; email: string; cookie: string };
    coach: { id: string; cookie: string };
    owner: { id: string; cookie: string };
    orgId: string;
    clientId: string;
    packageTypeId: string;
  },
) {
  const cookieName = w.athlete.cookie.split('=')[0]!;
  let hash: Promise<string> | undefined;
  const coachApi = async <T>(path: string, body: unknown, method = 'POST'): Promise<T> => {
    const r = await h.json<T>(`/api/v1/coach${path}`, { method, body, cookie: w.coach.cookie });
    if (r.status >= 300) throw new Error(`fuzz target ${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const ok = async <T>(path: string, init: Parameters<Harness['json']>[1]): Promise<T> => {
    const r = await h.json<T>(path, init);
    if (r.status >= 300) throw new Error(`fuzz target ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  const k = {
    h,
    w,
    coachApi,
    ok,
    /** A new account with a session: a row and a session row, no sign-up (the password is the harness's). */
    async person(role: 'athlete' | 'coach' | 'admin' | 'owner' = 'athlete', fields: Partial<typeof users.$inferInsert> = {}) {
      hash ??= hashPassword(PASSWORD);
      const email = uniqueEmail(`fuzz-${role}`);
      const [row] = await h.db
        .insert(users)
        .values({ email, passwordHash: await hash, displayName: `Fuzz ${role}`, role, ...fields })
        .returning({ id: users.id, authVersion: users.authVersion });
      const token = randomToken(32);
      await h.db.insert(sessions).values({
        tokenHash: await sha256Hex(token),
        userId: row!.id,
        authVersion: row!.authVersion,
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      return { id: row!.id, email, cookie: `${cookieName}=${token}` };
    },
    /** An athlete on Pro with an active plan (through the plans service), and its workouts ahead. */
    async planAthlete() {
      const p = await k.person();
      await giveTier(h, p.id, 'pro');
      const user = (await h.db.select().from(users).where(eq(users.id, p.id)))[0]!;
      const a = athleteOf(user);
      const today = todayIn(a.timeZone, new Date());
      const pw = proposalWorld(h);
      const plan = await pw.plans.create(a, planRequest(today));
      const open = (await rows(h, plan.id)).filter(
        (r) => r.date >= today && r.date <= addDays(today, 20) && r.durationSec > 0 && !r.skipped,
      );
      return { ...p, a, plan, open, pw, today };
    },
    /** An athlete with a plan who shares it with the shared coach (a client of their own), edits allowed. */
    async coachedAthlete() {
      const p = await k.planAthlete();
      const { clientId, linkId } = await k.acceptedLink(p);
      await ok(`/api/v1/me/coach-links/${linkId}/plan-edit`, { method: 'PUT', cookie: p.cookie });
      return { ...p, clientId };
    },
    /** A coach's request to `athlete` (by email) to share their training, through a new client. */
    async linkRequest(athleteEmail: string) {
      const client = await coachApi<{ id: string }>('/clients', { name: 'Fuzz Linked Client' });
      const { link } = await coachApi<{ link: { id: string } }>(`/clients/${client.id}/athlete-link`, { email: athleteEmail });
      return { clientId: client.id, linkId: link.id };
    },
    async acceptedLink(athlete: { email: string; cookie: string }) {
      const r = await k.linkRequest(athlete.email);
      await ok(`/api/v1/me/coach-links/${r.linkId}/accept`, { method: 'POST', cookie: athlete.cookie });
      return r;
    },
    /** A coach without an org, invited to a new org's team (Team has five seats: the shared org's are not enough). */
    async invitedCoach() {
      const owner = await k.person('coach');
      const org = await ok<{ id: string }>('/api/v1/coach/org', {
        cookie: owner.cookie,
        body: { name: 'Fuzz Team', timeZone: 'Europe/Berlin' },
      });
      await giveTeam(h, org.id, owner.id);
      const c = await k.person('coach');
      const { invite } = await ok<{ invite: { id: string } }>('/api/v1/coach/team/invites', {
        cookie: owner.cookie,
        body: { email: c.email },
      });
      return { ...c, inviteId: invite.id, ownerCookie: owner.cookie };
    },
    /** A failed Strava ingestion job of a new athlete. */
    async failedJob() {
      const p = await k.person();
      const [job] = await h.db
        .insert(ingestJobs)
        .values({
          userId: p.id,
          kind: 'fuzz.test',
          dedupeKey: `fuzz:${crypto.randomUUID()}`,
          status: 'error',
          attempts: 5,
          lastError: 'boom',
        })
        .returning({ id: ingestJobs.id });
      return { userId: p.id, jobId: job!.id };
    },
    /** A failed import whose file is still stored, of a new athlete. */
    async failedImport() {
      const p = await k.person();
      const key = `imports/${p.id}/${crypto.randomUUID()}`;
      await env.UPLOADS.put(key, gpxRun(new Date('2025-05-01T06:00:00Z')).xml);
      const [row] = await h.db
        .insert(importJobs)
        .values({
          userId: p.id,
          filename: 'run.gpx',
          objectKey: key,
          sizeBytes: 100,
          status: 'error',
          attempts: 3,
          error: 'The import failed.',
        })
        .returning({ id: importJobs.id });
      return { userId: p.id, importId: row!.id };
    },
    /** A Strava connection whose tokens the app can open (never used: nothing here calls Strava but a revoke). */
    async stravaConnection(userId: string) {
      const box = createSecretBox(h.env.TOKEN_ENCRYPTION_KEY);
      await h.db.insert(providerConnections).values({
        userId,
        provider: 'strava',
        externalAthleteId: String(800_000_000 + Math.floor(Math.random() * 99_999_999)),
        accessTokenEnc: await box.seal('fuzz-access'),
        refreshTokenEnc: await box.seal('fuzz-refresh'),
        expiresAt: new Date(Date.now() + 3_600_000),
        scopes: 'read,activity:read_all',
      });
    },
    /** A Garmin Connect connection whose tokens the app can open (its disconnect's call to Garmin is refused, which ends nothing here). */
    async garminConnection(userId: string) {
      const box = createSecretBox(h.env.TOKEN_ENCRYPTION_KEY);
      await h.db.insert(providerConnections).values({
        userId,
        provider: 'garmin',
        externalAthleteId: randomToken(16),
        accessTokenEnc: await box.seal('fuzz-access'),
        refreshTokenEnc: await box.seal('fuzz-refresh'),
        expiresAt: new Date(Date.now() + 86_400_000),
        tokenLifetimeS: 86_400,
        scopes: 'ACTIVITY_EXPORT',
      });
    },
    /** An athlete with a Stripe customer (a checkout started), and the Checkout Session's id. */
    async stripeCustomer() {
      const p = await k.person();
      const { url } = await ok<{ url: string }>('/api/v1/membership/checkout', {
        body: { tier: 'pro', interval: 'month' },
        cookie: p.cookie,
      });
      return { ...p, sessionId: /cs_[A-Za-z0-9_]+/.exec(url)?.[0] ?? '' };
    },
    async grantOf(userId: string, kind: 'comp' | 'invite_trial') {
      const [g] = await h.db
        .select({ id: membershipGrants.id })
        .from(membershipGrants)
        .where(and(eq(membershipGrants.userId, userId), eq(membershipGrants.kind, kind)));
      return g!.id;
    },
    async failedAutomationRun() {
      const [rule] = await h.db
        .insert(automations)
        .values({
          orgId: w.orgId,
          createdBy: w.coach.id,
          name: 'Fuzz follow-up',
          trigger: { kind: 'booking_completed' },
          action: { kind: 'task', title: 'Call back', message: '' },
        })
        .returning({ id: automations.id });
      const [run] = await h.db
        .insert(automationRuns)
        .values({
          automationId: rule!.id,
          orgId: w.orgId,
          key: `fuzz:${crypto.randomUUID()}`,
          status: 'failed',
          errorCode: 'ACTION_FAILED',
          errorMessage: 'boom',
          attempt: 5,
          finishedAt: ago(2),
        })
        .returning({ id: automationRuns.id });
      return run!.id;
    },
  };
  return k;
}
export type Kit = ReturnType<typeof kit>;

/** A user the owner acts on: any new athlete (each operation its own, so a block or a role change stays there). */
const subject =
  (param = 'id'): TargetSpec['make'] =>
  async (k) => ({ params: { [param]: (await k.person()).id } });
const operatorAction = (body: (k: Kit, userId: string) => Promise<Record<string, unknown>>, make = (k: Kit) => k.person()) => ({
  consumes: true,
  make: async (k: Kit): Promise<Target> => {
    const p = await make(k);
    return { params: { userId: p.id }, body: { reason: REASON, ...(await body(k, p.id)) } };
  },
});

export const TARGETS: Record<string, TargetSpec> = {
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
  // Account deletion (ADR 042): a fresh account each, its password and the word; cancelling needs one scheduled.
  'POST /api/v1/me/deletion': {
    consumes: true,
    make: async (k) => ({ cookie: (await k.person()).cookie, body: { password: PASSWORD, confirm: 'DELETE' } }),
  },
  'DELETE /api/v1/me/deletion': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      await k.ok('/api/v1/me/deletion', { cookie: p.cookie, body: { password: PASSWORD, confirm: 'DELETE' } });
      // Requesting signs out everywhere: the cancel comes from a new login.
      return { cookie: await k.h.login(p.email, PASSWORD) };
    },
  },
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
  'DELETE /api/v1/notifications/{id}': {
    consumes: true,
    make: async (k) => {
      const [n] = await k.h.db
        .insert(notifications)
        .values({
          userId: k.w.athlete.id,
          dedupeKey: `fuzz:${crypto.randomUUID()}`,
          kind: 'coach.update',
          category: 'coach',
          title: 'Fuzz',
          data: { title: 'Fuzz', body: 'Fuzz', link: '/settings' },
        })
        .returning({ id: notifications.id });
      return { params: { id: n!.id } };
    },
  },
  'POST /api/v1/notifications/unsubscribe': {
    make: async (k) => {
      const t = await mintUnsubscribeToken(
        { userId: k.w.athlete.id, categories: ['load'], deliveryId: crypto.randomUUID() },
        k.h.env.UNSUBSCRIBE_SECRET,
      );
      return {
        query: { t },
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example.com' },
      };
    },
  },
  'GET /api/v1/notifications/unsubscribe': {
    make: async (k) => ({
      query: {
        t: await mintUnsubscribeToken(
          { userId: k.w.athlete.id, categories: ['load'], deliveryId: crypto.randomUUID() },
          k.h.env.UNSUBSCRIBE_SECRET,
        ),
      },
    }),
  },

  // Uploads and Strava.
  'POST /api/v1/imports': {
    make: async () => ({
      query: { filename: 'fuzz-run.gpx' },
      body: gpxRun(new Date('2025-06-01T06:00:00Z')).xml,
      headers: { 'content-type': 'application/octet-stream' },
    }),
  },
  // Data rights: a ready archive of the caller's own, and a minimal archive that validates against its manifest.
  'GET /api/v1/privacy/exports/{id}/download': {
    make: async (k) => {
      const p = await k.person();
      const [row] = await k.h.db
        .insert(privacyRequests)
        .values({
          kind: 'export',
          userId: p.id,
          status: 'ready',
          dueAt: new Date(Date.now() + 86_400_000),
          expiresAt: new Date(Date.now() + 86_400_000),
        })
        .returning();
      await env.UPLOADS.put(archiveKey(p.id, row!.id), zipSync({ 'manifest.json': strToU8('{}') }));
      return { cookie: p.cookie, params: { id: row!.id } };
    },
  },
  'POST /api/v1/privacy/reimports': {
    make: async (k) => {
      const data = strToU8('[\n]\n');
      const manifest = {
        format: 'cadence-export',
        formatVersion: 1,
        createdAt: new Date().toISOString(),
        accountId: crypto.randomUUID(),
        requestId: crypto.randomUUID(),
        counts: { activities: 0 },
        files: [
          {
            path: 'data/activities/activities.json',
            kind: 'data',
            table: 'activities',
            area: 'activities',
            rows: 0,
            bytes: data.length,
            sha256: await sha256Hex(data),
          },
        ],
      };
      const p = await k.person();
      return {
        cookie: p.cookie,
        body: zipSync({ 'data/activities/activities.json': data, 'manifest.json': strToU8(JSON.stringify(manifest)) }),
        headers: { 'content-type': 'application/zip' },
      };
    },
  },
  'GET /api/v1/connections/strava/signup': { make: async (k) => ({ query: { invite: await k.h.createInvite({ maxUses: 10 }) } }) },
  'DELETE /api/v1/connections/strava': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      await k.stravaConnection(p.id);
      return { cookie: p.cookie };
    },
  },
  'DELETE /api/v1/connections/{provider}': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      await k.garminConnection(p.id);
      return { cookie: p.cookie, params: { provider: 'garmin' } };
    },
  },
  // A ping as Garmin sends it, for a user nobody connected: verified, stored, acknowledged, nothing fetched.
  'POST /webhooks/garmin': {
    make: async (k) => ({
      body: JSON.stringify({
        activityFiles: [
          {
            userId: randomToken(16).replace(/[^A-Za-z0-9]/g, 'a'),
            summaryId: '1-file',
            fileType: 'FIT',
            callbackURL: `${k.h.env.GARMIN_API_URL}wellness-api/rest/activityFile?id=1&token=${randomToken(8)}`,
            activityId: 1,
          },
        ],
      }),
      headers: { 'garmin-client-id': k.h.env.GARMIN_CLIENT_ID ?? '', 'content-type': 'application/json;charset=UTF-8' },
    }),
  },
  // Polar's webhook-creation PING: answered 200 (unsigned by design), carrying nothing.
  'POST /webhooks/polar': {
    make: async () => ({
      body: JSON.stringify({ event: 'PING', timestamp: new Date().toISOString() }),
      headers: { 'content-type': 'application/json' },
    }),
  },
  'GET /webhooks/strava': {
    make: async (k) => ({
      query: { 'hub.mode': 'subscribe', 'hub.verify_token': k.h.env.STRAVA_WEBHOOK_VERIFY_TOKEN, 'hub.challenge': 'fuzz' },
    }),
  },
  'POST /webhooks/stripe': {
    make: async () => {
      const d = await stripeEvent('customer.updated', { id: `cus_fuzz_${crypto.randomUUID().slice(0, 8)}`, object: 'customer' });
      return { body: d.payload, headers: { 'stripe-signature': d.signature, 'content-type': 'application/json; charset=utf-8' } };
    },
  },
  'POST /webhooks/twilio/sms': {
    make: async () => {
      const signed = await sandbox.inbound('+15550100001', 'Y');
      return {
        body: new URLSearchParams(signed.params).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://api.twilio.com',
          'x-twilio-signature': signed.signature,
        },
      };
    },
  },

  // The athlete's plan: what changes a whole plan gets a plan of its own.
  'POST /api/v1/plans': { make: async (k) => ({ cookie: (await k.person()).cookie }) },
  'POST /api/v1/plans/feed': {
    make: async (k) => {
      const p = await k.person();
      await giveTier(k.h, p.id, 'pro');
      return { cookie: p.cookie };
    },
  },
  'DELETE /api/v1/plans/feed': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      await giveTier(k.h, p.id, 'pro');
      await k.ok('/api/v1/plans/feed', { method: 'POST', cookie: p.cookie });
      return { cookie: p.cookie };
    },
  },
  'POST /api/v1/plans/{planId}/status': {
    consumes: true,
    make: async (k) => {
      const p = await k.planAthlete();
      return { cookie: p.cookie, params: { planId: p.plan.id }, body: { status: 'paused', reason: REASON } };
    },
  },
  'POST /api/v1/plans/{planId}/rebuild': {
    consumes: true,
    make: async (k) => {
      // Made from answers of 2 h a week, then five weeks of an hour a day arrive: the rebuild is asked for.
      const p = await k.person();
      await k.ok('/api/v1/intake', { method: 'PUT', cookie: p.cookie, body: INTAKE });
      const plan = await k.ok<{ id: string }>('/api/v1/plans', { cookie: p.cookie, body: INTAKE_PLAN });
      const { activities } = analyticsWorld(k.h.db);
      const days = Array.from({ length: 30 }, (_, i) => new Date(Date.now() - (i + 1) * 86_400_000));
      await activities.ingestMany(
        p.id,
        days.map((d) => buildActivity({ startTime: d, localStartDate: d.toISOString().slice(0, 10), movingTimeS: 3600 })),
      );
      return { cookie: p.cookie, params: { planId: plan.id } };
    },
  },
  'POST /api/v1/plans/{planId}/changes/{changeId}/undo': {
    consumes: true,
    make: async (k) => {
      const p = await k.planAthlete();
      const x = p.open[0]!;
      const change = await k.ok<{ id: string }>(`/api/v1/plans/${p.plan.id}/workouts/${x.id}/skip`, {
        cookie: p.cookie,
        body: { reason: REASON },
      });
      return { cookie: p.cookie, params: { planId: p.plan.id, changeId: change.id } };
    },
  },

  // A skip takes the workout away from the other probes that name it: each on a plan of its own.
  'DELETE /api/v1/plans/{planId}/workouts/{workoutId}': { consumes: true, make: async (k) => ownWorkout(k) },
  'POST /api/v1/plans/{planId}/workouts/{workoutId}/skip': { consumes: true, make: async (k) => ownWorkout(k) },
  'POST /api/v1/plans/{planId}/workouts/{workoutId}/restore': {
    consumes: true,
    make: async (k) => {
      const p = await k.planAthlete();
      const x = p.open[0]!;
      await k.ok(`/api/v1/plans/${p.plan.id}/workouts/${x.id}/skip`, { cookie: p.cookie, body: { reason: REASON } });
      return { cookie: p.cookie, params: { planId: p.plan.id, workoutId: x.id } };
    },
  },
  'POST /api/v1/plans/{planId}/workouts/{workoutId}/link': {
    make: async (k) => {
      const p = await k.planAthlete();
      const x = p.open[0]!;
      const activity = await analyticsWorld(k.h.db).activities.ingest(
        p.id,
        buildActivity({
          source: 'fit_upload',
          startTime: new Date(`${x.date}T16:00:00Z`),
          localStartDate: x.date,
          movingTimeS: x.durationSec,
          elapsedTimeS: x.durationSec,
          distanceM: Math.round(x.durationSec * 2.8),
        }),
      );
      return { cookie: p.cookie, params: { planId: p.plan.id, workoutId: x.id }, body: { activityId: activity.id, reason: REASON } };
    },
  },
  'DELETE /api/v1/analytics/thresholds/{id}': {
    consumes: true,
    make: async (k) => {
      const effectiveFrom = `2024-0${1 + Math.floor(Math.random() * 9)}-${String(10 + Math.floor(Math.random() * 18))}`;
      await k.ok('/api/v1/analytics/thresholds', { cookie: k.w.athlete.cookie, body: { kind: 'max_hr', value: 190, effectiveFrom } });
      const [t] = await k.h.db
        .select({ id: athleteThresholds.id })
        .from(athleteThresholds)
        .where(and(eq(athleteThresholds.userId, k.w.athlete.id), eq(athleteThresholds.effectiveFrom, effectiveFrom)));
      return { params: { id: t!.id } };
    },
  },

  // The coach's edits of a client's plan: each on an athlete of its own (the hourly limits are per athlete).
  'PATCH /api/v1/coach/clients/{id}/plan/workouts/{workoutId}': {
    make: async (k) => {
      const c = await k.coachedAthlete();
      return { params: { id: c.clientId, workoutId: c.open[0]!.id } };
    },
  },
  'POST /api/v1/coach/clients/{id}/plan/workouts/{workoutId}/move': {
    make: async (k) => {
      const c = await k.coachedAthlete();
      const x = c.open[0]!;
      return { params: { id: c.clientId, workoutId: x.id }, body: { date: addDays(x.date, 1), reason: REASON } };
    },
  },
  'POST /api/v1/coach/clients/{id}/plan/workouts/{workoutId}/skip': {
    consumes: true,
    make: async (k) => {
      const c = await k.coachedAthlete();
      return { params: { id: c.clientId, workoutId: c.open[0]!.id } };
    },
  },
  'POST /api/v1/coach/clients/{id}/plan/workouts/{workoutId}/restore': {
    consumes: true,
    make: async (k) => {
      const c = await k.coachedAthlete();
      const x = c.open[0]!;
      await k.coachApi(`/clients/${c.clientId}/plan/workouts/${x.id}/skip`, { reason: REASON });
      return { params: { id: c.clientId, workoutId: x.id } };
    },
  },
  'POST /api/v1/coach/clients/{id}/plan/changes/{changeId}/undo': {
    consumes: true,
    make: async (k) => {
      const c = await k.coachedAthlete();
      const change = await k.coachApi<{ id: string }>(`/clients/${c.clientId}/plan/workouts/${c.open[0]!.id}/skip`, { reason: REASON });
      return { params: { id: c.clientId, changeId: change.id } };
    },
  },
  // Once per athlete.
  'POST /api/v1/membership/trial': { consumes: true, make: async (k) => ({ cookie: (await k.person()).cookie }) },

  // AI coach: proposals and a failed answer to retry.
  'POST /api/v1/ai-coach/proposals/{id}/confirm': { consumes: true, make: async (k) => proposalTarget(k) },
  'POST /api/v1/ai-coach/proposals/{id}/reject': { consumes: true, make: async (k) => proposalTarget(k) },
  'POST /api/v1/admin/athletes/{athleteId}/coach-proposals/{id}/confirm': {
    consumes: true,
    make: async (k) => {
      const t = await proposalTarget(k);
      return { params: { athleteId: t.athleteId, id: t.params.id } };
    },
  },
  'POST /api/v1/ai-coach/messages/{id}/retry': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      await giveTier(k.h, p.id, 'pro');
      const conv = await k.ok<{ conversation: { id: string } }>('/api/v1/ai-coach/conversations', {
        cookie: p.cookie,
        body: { title: 'Fuzz' },
      });
      const conversationId = conv.conversation.id;
      const [q] = await k.h.db
        .insert(coachMessages)
        .values({ conversationId, userId: p.id, role: 'user', content: 'How was my week?', clientMessageId: `fuzz-${crypto.randomUUID()}` })
        .returning({ id: coachMessages.id });
      const [a] = await k.h.db
        .insert(coachMessages)
        .values({ conversationId, userId: p.id, role: 'assistant', status: 'failed', errorCode: 'PROVIDER_ERROR', replyTo: q!.id })
        .returning({ id: coachMessages.id });
      return { cookie: p.cookie, params: { id: a!.id } };
    },
  },

  // Coaching links from the athlete's side, each its own link.
  'POST /api/v1/me/coach-links/{id}/accept': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      return { cookie: p.cookie, params: { id: (await k.linkRequest(p.email)).linkId } };
    },
  },
  'POST /api/v1/me/coach-links/{id}/decline': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      return { cookie: p.cookie, params: { id: (await k.linkRequest(p.email)).linkId } };
    },
  },
  'POST /api/v1/me/coach-links/{id}/revoke': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      return { cookie: p.cookie, params: { id: (await k.acceptedLink(p)).linkId } };
    },
  },
  'DELETE /api/v1/me/coach-links/{id}/plan-edit': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      const { linkId } = await k.acceptedLink(p);
      await k.ok(`/api/v1/me/coach-links/${linkId}/plan-edit`, { method: 'PUT', cookie: p.cookie });
      return { cookie: p.cookie, params: { id: linkId } };
    },
  },

  // The coach's side.
  'POST /api/v1/coach/org': { consumes: true, make: async (k) => ({ cookie: (await k.person('coach')).cookie }) },
  // Deleting an org: a new owner's own org each time, confirmed with its name.
  'POST /api/v1/coach/org/deletion': {
    consumes: true,
    make: async (k) => {
      const owner = await k.person('coach');
      await k.ok('/api/v1/coach/org', { cookie: owner.cookie, body: { name: 'Fuzz Org To Delete', timeZone: 'Europe/Berlin' } });
      return { cookie: owner.cookie, body: { password: PASSWORD, confirm: 'Fuzz Org To Delete' } };
    },
  },
  'POST /api/v1/coach/clients/{id}/athlete-link': {
    make: async (k) => ({ params: { id: (await k.coachApi<{ id: string }>('/clients', { name: 'Fuzz Link Client' })).id } }),
  },
  'DELETE /api/v1/coach/clients/{id}/athlete-link': {
    consumes: true,
    make: async (k) => ({ params: { id: (await k.linkRequest(uniqueEmail('fuzz-linked'))).clientId } }),
  },
  'POST /api/v1/me/org-invites/{id}/accept': {
    consumes: true,
    make: async (k) => {
      const c = await k.invitedCoach();
      return { cookie: c.cookie, params: { id: c.inviteId } };
    },
  },
  'POST /api/v1/me/org-invites/{id}/decline': {
    consumes: true,
    make: async (k) => {
      const c = await k.invitedCoach();
      return { cookie: c.cookie, params: { id: c.inviteId } };
    },
  },
  'DELETE /api/v1/coach/team/members/{userId}': {
    consumes: true,
    make: async (k) => {
      const c = await k.invitedCoach();
      await k.ok(`/api/v1/me/org-invites/${c.inviteId}/accept`, { method: 'POST', cookie: c.cookie });
      return { cookie: c.ownerCookie, params: { userId: c.id } };
    },
  },
  'DELETE /api/v1/coach/team/invites/{id}': {
    consumes: true,
    make: async (k) => {
      const c = await k.invitedCoach();
      return { cookie: c.ownerCookie, params: { id: c.inviteId } };
    },
  },
  'DELETE /api/v1/coach/automations/{id}': {
    consumes: true,
    make: async (k) => ({ params: { id: (await k.coachApi<{ id: string }>('/automations', AUTOMATION)).id } }),
  },
  'DELETE /api/v1/coach/money-events/{id}': {
    consumes: true,
    make: async (k) => ({
      params: {
        id: (
          await k.coachApi<{ id: string }>('/money-events', {
            kind: 'expense',
            amountCents: 100,
            currency: 'usd',
            occurredOn: '2026-10-01',
            category: 'rent',
          })
        ).id,
      },
    }),
  },
  'POST /api/v1/coach/bookings/{id}/cancel': { consumes: true, make: async (k) => ({ params: { id: await booking(k, 20) } }) },
  'POST /api/v1/coach/bookings/{id}/complete': { consumes: true, make: async (k) => ({ params: { id: await booking(k, 21) } }) },
  // A no-show is of a session that has begun.
  'POST /api/v1/coach/bookings/{id}/no-show': { consumes: true, make: async (k) => ({ params: { id: await booking(k, -1) } }) },
  'POST /api/v1/coach/clients/{id}/sessions/release': {
    make: async (k) => {
      const used = await k.coachApi<{ ledgerId: string }>(`/clients/${k.w.clientId}/sessions/use`, {
        idempotencyKey: `fuzz-${crypto.randomUUID()}`,
      });
      return { body: { ledgerId: used.ledgerId } };
    },
  },
  'POST /api/v1/coach/tasks/{id}/done': {
    consumes: true,
    make: async (k) => {
      const [t] = await k.h.db
        .insert(coachTasks)
        .values({ orgId: k.w.orgId, title: 'Fuzz task', key: `fuzz:${crypto.randomUUID()}` })
        .returning({ id: coachTasks.id });
      return { params: { id: t!.id } };
    },
  },

  // Operators on users: each operation its own athlete (or admin, for permissions).
  'GET /api/v1/admin/users/{id}': { make: subject() },
  'GET /api/v1/admin/users/{userId}/membership': { make: subject('userId') },
  'POST /api/v1/admin/users/{userId}/comps': { make: subject('userId') },
  'POST /api/v1/admin/users/{userId}/comps/{grantId}/revoke': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      const g = await k.ok<{ id: string }>(`/api/v1/admin/users/${p.id}/comps`, {
        cookie: k.w.owner.cookie,
        body: { tier: 'pro', days: 30, reason: REASON },
      });
      return { params: { userId: p.id, grantId: g.id } };
    },
  },
  'POST /api/v1/admin/users/{userId}/membership/resync': { make: async (k) => ({ params: { userId: (await k.stripeCustomer()).id } }) },
  'POST /api/v1/admin/users/{id}/block': { consumes: true, make: subject() },
  'POST /api/v1/admin/users/{id}/unblock': {
    consumes: true,
    make: async (k) => ({ params: { id: (await k.person('athlete', { blockedAt: new Date(), blockedReason: REASON })).id } }),
  },
  'POST /api/v1/admin/users/{id}/password-reset': { make: subject() },
  // An owner queues a new athlete's deletion (each mutation the same athlete: a second ask returns the open one).
  'POST /api/v1/admin/privacy/deletions': {
    make: async (k) => ({ body: { userId: (await k.person()).id, reason: 'Fuzz: a deletion request received by mail' } }),
  },
  'POST /api/v1/admin/users/{id}/temporary-password': { make: subject() },
  'PUT /api/v1/admin/users/{id}/role': { make: async (k) => ({ params: { id: (await k.person()).id }, body: { role: 'coach' } }) },
  'PUT /api/v1/admin/users/{id}/permissions/{permission}': { make: async (k) => ({ params: { id: (await k.person('admin')).id } }) },
  'DELETE /api/v1/admin/users/{id}/permissions/{permission}': {
    consumes: true,
    make: async (k) => {
      const a = await k.person('admin');
      await k.ok(`/api/v1/admin/users/${a.id}/permissions/invites.manage`, { method: 'PUT', cookie: k.w.owner.cookie });
      return { params: { id: a.id, permission: 'invites.manage' } };
    },
  },
  'POST /api/v1/admin/impersonation': { consumes: true, make: async (k) => ({ body: { userId: (await k.person()).id, reason: REASON } }) },
  'POST /api/v1/admin/analytics/rebuild': { make: async (k) => ({ body: { userId: (await k.person()).id, derive: false } }) },
  'POST /api/v1/admin/users/{userId}/actions/comp': operatorAction(async () => ({ tier: 'pro', days: 30 })),
  'POST /api/v1/admin/users/{userId}/actions/revoke-comp': operatorAction(async (k, id) => {
    await giveTier(k.h, id, 'pro');
    return { grantId: await k.grantOf(id, 'comp') };
  }),
  'POST /api/v1/admin/users/{userId}/actions/grant-trial': operatorAction(async () => ({ days: 7 })),
  'POST /api/v1/admin/users/{userId}/actions/revoke-trial': operatorAction(async (k, id) => {
    await k.ok(`/api/v1/admin/users/${id}/actions/grant-trial`, { cookie: k.w.owner.cookie, body: { reason: REASON, days: 7 } });
    return { grantId: await k.grantOf(id, 'invite_trial') };
  }),
  'POST /api/v1/admin/users/{userId}/actions/resync-billing': operatorAction(
    async () => ({}),
    (k) => k.stripeCustomer(),
  ),
  'POST /api/v1/admin/users/{userId}/actions/reset-onboarding': operatorAction(async () => ({})),
  'POST /api/v1/admin/users/{userId}/actions/retry-ingestion': {
    consumes: true,
    make: async (k) => ({ params: { userId: (await k.failedJob()).userId }, body: { reason: REASON } }),
  },
  'POST /api/v1/admin/users/{userId}/actions/retry-job': {
    consumes: true,
    make: async (k) => {
      const j = await k.failedJob();
      return { params: { userId: j.userId }, body: { reason: REASON, jobId: j.jobId } };
    },
  },
  'POST /api/v1/admin/users/{userId}/actions/retry-import': {
    consumes: true,
    make: async (k) => {
      const i = await k.failedImport();
      return { params: { userId: i.userId }, body: { reason: REASON, importId: i.importId } };
    },
  },
  'POST /api/v1/admin/users/{userId}/actions/rerun-analytics': operatorAction(async () => ({})),
  'POST /api/v1/admin/users/{userId}/actions/clear-coach-thread': operatorAction(async () => ({})),
  'POST /api/v1/admin/users/{userId}/actions/disconnect-provider': operatorAction(async (k, id) => {
    await k.stravaConnection(id);
    return { provider: 'strava' };
  }),
  'POST /api/v1/admin/invites/{id}/revoke': {
    consumes: true,
    make: async (k) => {
      const made = await k.ok<{ id: string }>('/api/v1/admin/invites', { cookie: k.w.owner.cookie, body: { maxUses: 1 } });
      return { params: { id: made.id } };
    },
  },
  'POST /api/v1/admin/orgs/{orgId}/comps/{grantId}/revoke': {
    consumes: true,
    make: async (k) => {
      // Another org: revoking the shared org's Team would close the coach's gated routes to every other probe.
      const c = await k.person('coach');
      const org = await k.ok<{ id: string }>('/api/v1/coach/org', {
        cookie: c.cookie,
        body: { name: 'Fuzz Other', timeZone: 'Europe/Berlin' },
      });
      const g = await k.ok<{ id: string }>(`/api/v1/admin/orgs/${org.id}/comps`, {
        cookie: k.w.owner.cookie,
        body: { days: 30, reason: REASON },
      });
      return { params: { orgId: org.id, grantId: g.id } };
    },
  },

  // Ops Pulse fixes, each on a row of its own that needs the fix.
  'POST /api/v1/admin/ops/jobs/{id}/retry': { consumes: true, make: async (k) => ({ params: { id: (await k.failedJob()).jobId } }) },
  'POST /api/v1/admin/ops/imports/{id}/retry': {
    consumes: true,
    make: async (k) => ({ params: { id: (await k.failedImport()).importId } }),
  },
  'POST /api/v1/admin/ops/athletes/{id}/resume': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      const resumeAt = new Date(Date.now() + 20 * 60_000);
      await k.h.db.insert(ingestionState).values({ userId: p.id, source: 'strava', status: 'deferred', resumeAt });
      await k.h.db.insert(ingestJobs).values({
        userId: p.id,
        kind: 'fuzz.test',
        dedupeKey: `fuzz:${crypto.randomUUID()}`,
        status: 'deferred',
        runAfter: resumeAt,
        lastError: 'window_spent',
      });
      return { params: { id: p.id } };
    },
  },
  'POST /api/v1/admin/ops/stripe-events/{id}/reprocess': {
    consumes: true,
    make: async (k) => {
      const stripeEventId = `evt_fuzz_${crypto.randomUUID().replaceAll('-', '')}`;
      const [e] = await k.h.db
        .insert(stripeEvents)
        .values({
          stripeEventId,
          type: 'customer.subscription.updated',
          created: ago(60),
          payload: {
            id: stripeEventId,
            type: 'customer.subscription.updated',
            created: 0,
            data: { object: { id: 'sub_fuzz', customer: 'cus_fuzz' } },
          },
          processedAt: ago(50),
          outcome: 'unresolved',
          attempts: 8,
        })
        .returning({ id: stripeEvents.id });
      return { params: { id: e!.id } };
    },
  },
  'POST /api/v1/admin/ops/sms/{id}/retry': {
    consumes: true,
    make: async (k) => {
      const [s] = await k.h.db
        .insert(smsMessages)
        .values({
          orgId: k.w.orgId,
          clientId: k.w.clientId,
          direction: 'outbound',
          kind: 'manual',
          state: 'failed',
          key: `fuzz:${crypto.randomUUID()}`,
          body: 'See you Tuesday',
          dueAt: ago(5),
          attempts: 3,
          errorCode: '30003',
          errorMessage: 'Unreachable destination handset',
          updatedAt: ago(5),
        })
        .returning({ id: smsMessages.id });
      return { params: { id: s!.id } };
    },
  },
  'POST /api/v1/admin/ops/automation-runs/{id}/retry': {
    consumes: true,
    make: async (k) => ({ params: { id: await k.failedAutomationRun() } }),
  },
};

async function ownWorkout(k: Kit): Promise<Target> {
  const p = await k.planAthlete();
  return { cookie: p.cookie, params: { planId: p.plan.id, workoutId: p.open[0]!.id } };
}

async function proposalTarget(k: Kit) {
  const p = await k.planAthlete();
  const proposal = await p.pw.proposals.propose(p.a, input(threeActions(p.open)), noChat);
  return { cookie: p.cookie, athleteId: p.id, params: { id: proposal.id } };
}

// Each booking an hour of its own (the coach's bookings may not overlap).
let slot = 0;
async function booking(k: Kit, daysAhead: number) {
  slot += 1;
  const made = await k.coachApi<{ id: string }>('/bookings', {
    clientId: k.w.clientId,
    startsAt: new Date(Date.now() + daysAhead * 86_400_000 + slot * 3_600_000).toISOString(),
    durationMinutes: 30,
  });
  return made.id;
}

const AUTOMATION = {
  name: 'Fuzz',
  enabled: true,
  trigger: { kind: 'daily', time: '07:00' },
  action: { kind: 'task', title: 'Fuzz task', message: 'Note' },
  audience: { kind: 'coach' },
};
const INTAKE_GOAL = {
  kind: 'run_10k',
  eventDate: new Date(Date.now() + 70 * 86_400_000).toISOString().slice(0, 10),
  eventName: 'Fuzz 10K',
};
const INTAKE = {
  goal: INTAKE_GOAL,
  availableDays: [1, 3, 5, 6],
  longDay: 6,
  hoursPerWeek: 2,
  runsPerWeek: 3,
  weeklyVolume: { unit: 'km', value: 20 },
  longestRun: { unit: 'min', value: 60 },
};
const INTAKE_PLAN = { goal: INTAKE_GOAL, availableDays: [1, 3, 5, 6], longDay: 6, hoursPerWeek: 2, includeStrength: false };
