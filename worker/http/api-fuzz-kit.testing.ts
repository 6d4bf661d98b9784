// What the API fuzz test's target makers share: the shape of a target, the kit they build with (the harness,
// the shared world's people and ids, cheap new accounts) and a few makers several features use. Each
// feature's targets live beside it (<feature>.fuzz.testing.ts); api-fuzz-targets.testing.ts collects them.
import { env } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { automationRuns, automations, importJobs, ingestJobs, membershipGrants, providerConnections, sessions, users } from '../db/schema';
import { athleteOf } from '../features/analytics';
import { hashPassword } from '../features/auth/password';
import { IMPORT_FAILED } from '../features/ingest/imports/imports.repo';
import { input, noChat, proposalWorld, threeActions } from '../features/ai-coach/proposals/proposals.testing';
import { planRequest, rows } from '../features/plans/control/plans-control.testing';
import { addDays, todayIn } from '../lib/dates';
import { randomToken, sha256Hex } from '../lib/crypto';
import { createSecretBox } from '../lib/secret-box';
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

export const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
export const REASON = 'Fuzz baseline';

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
    /** A failed import whose file is still stored, of a new athlete; its cause is a passing one, so it may be retried. */
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
          error: IMPORT_FAILED,
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
export const subject =
  (param = 'id'): TargetSpec['make'] =>
  async (k) => ({ params: { [param]: (await k.person()).id } });
export const operatorAction = (body: (k: Kit, userId: string) => Promise<Record<string, unknown>>, make = (k: Kit) => k.person()) => ({
  consumes: true,
  make: async (k: Kit): Promise<Target> => {
    const p = await make(k);
    return { params: { userId: p.id }, body: { reason: REASON, ...(await body(k, p.id)) } };
  },
});

export async function proposalTarget(k: Kit) {
  const p = await k.planAthlete();
  const proposal = await p.pw.proposals.propose(p.a, input(threeActions(p.open)), noChat);
  return { cookie: p.cookie, athleteId: p.id, params: { id: proposal.id } };
}
