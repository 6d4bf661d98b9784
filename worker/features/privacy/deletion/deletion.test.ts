// Account and org deletion, end to end through the worker: the grace period and its cancel, the job (providers
// revoked at their sandboxes, Stripe cancelled and anonymised, coaches told, AI costs folded, R2 emptied, audit
// pseudonymised, receipt emailed and kept), a crash mid-way that resumes, impersonation refused, org deletion.
// "Nothing names the user" is checked over every column of the live schema (information_schema), not a list.
import { env } from 'cloudflare:test';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import {
  auditLog,
  clientPackages,
  clients,
  coachLlmCalls,
  deletionReceipts,
  erasedLlmCosts,
  notifications,
  privacyRequests,
  users,
} from '../../../db/schema';
import { createProviders } from '../../../providers';
import { expectErrorShape, Harness, PASSWORD } from '../../../testing/harness';
import { emailsTo, waitForEmail } from '../../../testing/outbox';
import { coachOrg } from '../../../testing/scenarios';
import { connectStrava, control, newAthleteId } from '../../../testing/strava';
import { connectGarmin, garmin, newGarminUser } from '../../ingest/file-doors/file-doors.testing';
import { DATA_MAP, isPersonal } from '../data-map';
import { batchServices, requestDeletion, requestDone, runDueDeletion, scheduleNow } from './deletion.testing';
import { pseudonymOf } from './pseudonym';

type Status = { state: string; requestId: string | null; runsAt: string | null; blockingOrgs: { name: string }[] };

/** Every column of every table (information_schema) holding the id, or the address where the data map does not keep it. */
async function rowsNaming(h: Harness, userId: string, email: string): Promise<string[]> {
  const kept = new Set(
    DATA_MAP.filter(isPersonal).flatMap((e) =>
      Object.entries(e.erase)
        .filter(([, rule]) => typeof rule === 'object' && 'keep' in rule)
        .map(([c]) => `${(e.table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')]}.${c}`),
    ),
  );
  const columns = await h.db.execute<{ table_name: string; column_name: string; data_type: string }>(sql`
    select c.table_name, c.column_name, c.data_type from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
       and c.data_type in ('uuid', 'text', 'character varying', 'jsonb')`);
  const found: string[] = [];
  for (const c of columns.rows) {
    const col = sql.identifier(c.column_name);
    const where =
      c.data_type === 'uuid'
        ? sql`${col} = ${userId}::uuid`
        : kept.has(`${c.table_name}.${c.column_name}`)
          ? sql`${col}::text ilike ${`%${userId}%`}`
          : sql`(${col}::text ilike ${`%${userId}%`} or ${col}::text ilike ${`%${email}%`})`;
    const r = await h.db.execute<{ n: string }>(sql`select count(*)::text as n from ${sql.identifier(c.table_name)} where ${where}`);
    if (Number(r.rows[0]?.n) > 0) found.push(`${c.table_name}.${c.column_name}: ${r.rows[0]?.n}`);
  }
  return found;
}

async function objectsUnder(prefix: string): Promise<number> {
  return (await env.UPLOADS.list({ prefix })).objects.length;
}

const stripe = async <T>(path: string): Promise<T> => {
  const res = await fetch(new URL(`v1/${path}`, Harness.init().env.STRIPE_API_URL), {
    headers: { authorization: `Bearer ${Harness.init().env.STRIPE_SECRET_KEY}` },
  });
  return (await res.json()) as T;
};

describe('account deletion', () => {
  it('asks for the password and DELETE, signs out everywhere, and is cancelled from the grace period', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const wrong = await h.json('/api/v1/me/deletion', { body: { password: 'not my password', confirm: 'DELETE' }, cookie: me.cookie });
    expect(wrong.status).toBe(400);
    const noWord = await h.json('/api/v1/me/deletion', { body: { password: PASSWORD, confirm: 'delete' }, cookie: me.cookie });
    expect(noWord.status).toBe(400);

    const requestId = await requestDeletion(h, me.cookie);
    const [row] = await h.db.select().from(privacyRequests).where(eq(privacyRequests.id, requestId));
    expect(row!.runAfter.getTime() - row!.requestedAt.getTime()).toBe(7 * 86_400_000);
    // Every session ended: the old cookie no longer works.
    expect((await h.call('/api/v1/me', { cookie: me.cookie })).status).toBe(401);
    expect((await waitForEmail(me.email)).subject).toBe('Your Cadence account will be deleted');

    // Logging in within the grace period works, and the status says what is coming.
    const cookie = await h.login(me.email, PASSWORD);
    const status = await h.json<Status>('/api/v1/me/deletion', { cookie });
    expect(status.body).toMatchObject({ state: 'scheduled', requestId });
    // A second request returns the open one.
    expect(await requestDeletion(h, cookie)).toBe(requestId);

    const cancelled = await h.json<Status>('/api/v1/me/deletion', { method: 'DELETE', cookie });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('none');
    // The athlete is told by email that the deletion is off, as they were told it was scheduled.
    await expect
      .poll(async () => (await emailsTo(me.email)).map((e) => e.subject), { timeout: 5000, interval: 50 })
      .toContain('Your Cadence account will not be deleted');
    // Nothing runs once cancelled, even when the cron and the job come by.
    await scheduleNow(h, requestId);
    expect(await batchServices(h).deletion.run(requestId)).toBe('skipped');
    expect(await h.userById(me.user.id)).toBeTruthy();
    expect((await h.json('/api/v1/me/deletion', { method: 'DELETE', cookie })).status).toBe(404);
  });

  it('is refused to an impersonating operator: starting, cancelling, and deleting an org', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const owner = await h.userWithRole('owner');
    const started = await h.json<{ token?: string }>(`/api/v1/admin/impersonation`, {
      body: { userId: athlete.user.id, reason: 'support ticket 42' },
      cookie: owner.cookie,
    });
    expect(started.status).toBe(201);
    const imp = started.res.headers
      .getSetCookie()
      .find((c) => c.startsWith('cadence_impersonation='))
      ?.split(';')[0];
    const cookie = `${owner.cookie}; ${imp}`;
    const me = await h.json<{ user: { id: string } }>('/api/v1/me', { cookie });
    expect(me.body.user.id).toBe(athlete.user.id);
    for (const [method, path, body] of [
      ['POST', '/api/v1/me/deletion', { password: PASSWORD, confirm: 'DELETE' }],
      ['DELETE', '/api/v1/me/deletion', undefined],
      ['POST', '/api/v1/coach/org/deletion', { password: PASSWORD, confirm: 'x' }],
    ] as const) {
      const res = await h.json(path, { method, body, cookie });
      expect(res.status, `${method} ${path}`).toBe(403);
      expectErrorShape(res.body, 'IMPERSONATION_BLOCKED');
    }
    expect(await h.db.select().from(privacyRequests).where(eq(privacyRequests.userId, athlete.user.id))).toEqual([]);
  });

  it('erases everything: providers (Strava, Polar, Garmin) revoked first, Stripe anonymised, coach told, costs folded, R2 emptied, audit pseudonymised; login then fails as for no account', async () => {
    const h = Harness.init();
    const me = await h.signup({ displayName: 'Dana Delete' });
    const id = me.user.id;

    // Strava and Polar connected (their sandboxes record the calls), a Stripe trial, files in R2.
    const athleteId = newAthleteId();
    expect((await connectStrava(h, me.cookie, athleteId)).status).toBe(302);
    const polarUser = 3_000_000 + Math.floor(Math.random() * 6_000_000);
    const polarStart = await h.call('/api/v1/connections/polar/authorize', { cookie: me.cookie });
    const consent = new URL(polarStart.headers.get('location') ?? '');
    consent.searchParams.set('auto', 'approve');
    consent.searchParams.set('user_id', String(polarUser));
    const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '');
    expect((await h.call(back.pathname + back.search, { cookie: me.cookie })).headers.get('location')).toBe(
      '/settings/data?connected=polar',
    );
    const polarOrigin = new URL(h.env.POLAR_API_URL).origin;
    const polarState = async () =>
      (await (await fetch(`${polarOrigin}/polar/_control/users/${polarUser}`)).json()) as { registered: boolean };
    expect((await polarState()).registered).toBe(true);
    const garminUser = newGarminUser();
    await connectGarmin(h, me.cookie, garminUser);
    const { userId: garminId } = await garmin<{ userId: string }>(`users/${garminUser}`);
    expect((await h.json('/api/v1/membership/trial', { method: 'POST', cookie: me.cookie })).status).toBe(200);
    await env.UPLOADS.put(`imports/${id}/a`, 'gpx');
    await env.UPLOADS.put(`imports/${id}/b`, 'fit');
    await env.UPLOADS.put(`exports/${id}/archive.zip`, 'zip');
    // An AI coach's costs.
    const day = new Date('2026-03-01T10:00:00Z');
    await h.db.insert(coachLlmCalls).values([
      {
        userId: id,
        provider: 'anthropic',
        model: 'claude-test-deletion',
        outcome: 'ok',
        inputTokens: 100,
        outputTokens: 50,
        costNanoUsd: 7_000,
        createdAt: day,
      },
      {
        userId: id,
        provider: 'anthropic',
        model: 'claude-test-deletion',
        outcome: 'ok',
        inputTokens: 10,
        outputTokens: 5,
        costNanoUsd: 3_000,
        createdAt: day,
      },
    ]);
    // A coach who has the athlete as a client, with business records of them.
    const w = await coachOrg(h, { name: 'Left Coaching' });
    const { client } = await w.clientWithPackage('Dana as client');
    await w.linkAthlete(client.id, { email: me.email, cookie: me.cookie });

    const requestId = await requestDeletion(h, me.cookie);
    const [{ customerId }] = (
      await h.db.execute<{ customerId: string }>(
        sql`select stripe_customer_id as "customerId" from billing_customers where owner_id = ${id}`,
      )
    ).rows as [{ customerId: string }];
    // The hourly cron puts it on the privacy queue; the consumer runs it.
    await runDueDeletion(h, requestId);

    // Nothing in any table names the account any more; nothing is left under its R2 prefixes.
    expect(await rowsNaming(h, id, me.email)).toEqual([]);
    expect(await objectsUnder(`imports/${id}/`)).toBe(0);
    expect(await objectsUnder(`exports/${id}/`)).toBe(0);
    expect(await objectsUnder(`file-doors/${id}/`)).toBe(0);

    // Providers: Strava received the deauthorization, Polar the deregistration.
    const { athletes } = await control<{ athletes: { id: number; revocations: unknown[] }[] }>('state');
    expect(athletes.find((a) => a.id === athleteId)?.revocations).toHaveLength(1);
    expect((await polarState()).registered).toBe(false);
    const garminState = await garmin<{ deregistrations: { userId: string; by: string }[] }>('state');
    expect(garminState.deregistrations).toContainEqual(expect.objectContaining({ userId: garminId, by: 'partner' }));

    // Stripe: subscription cancelled, customer anonymised (its invoices stay).
    const customer = await stripe<{ name: string | null; email: string | null; metadata: Record<string, string> }>(
      `customers/${customerId}`,
    );
    expect(customer).toMatchObject({ name: 'Deleted account', email: null, metadata: {} });
    const subs = await stripe<{ data: { status: string }[] }>(`subscriptions?customer=${customerId}&status=all`);
    expect(subs.data.map((s) => s.status)).toEqual(['canceled']);

    // The coach sees the athlete left and keeps the client with their packages, unlinked.
    const [kept] = await h.db.select().from(clients).where(eq(clients.id, client.id));
    expect(kept).toMatchObject({ name: 'Dana as client', athleteUserId: null });
    expect(await h.db.select().from(clientPackages).where(eq(clientPackages.clientId, client.id))).toHaveLength(1);
    await vi.waitFor(
      async () => {
        const told = await h.db.select({ data: notifications.data }).from(notifications).where(eq(notifications.userId, w.coach.id));
        expect(told.map((n) => (n.data as { title?: string }).title)).toContain('Dana as client: athlete left');
      },
      { timeout: 10_000, interval: 200 },
    );

    // AI costs survive as anonymous daily totals.
    const [totals] = await h.db
      .select()
      .from(erasedLlmCosts)
      .where(and(eq(erasedLlmCosts.model, 'claude-test-deletion'), eq(erasedLlmCosts.day, '2026-03-01')));
    expect(totals).toMatchObject({ calls: 2, inputTokens: 110, costNanoUsd: 10_000 });

    // The audit log keeps its history under the keyed pseudonym.
    const subject = await pseudonymOf(h.env.PSEUDONYM_SECRET ?? h.env.TOKEN_ENCRYPTION_KEY, id);
    const history = await h.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, subject));
    expect(history.map((r) => r.action)).toEqual(expect.arrayContaining(['user.registered', 'account.deletion_requested']));

    // The receipt: emailed to the address before it went, and kept under the pseudonym.
    const receiptMail = (await emailsTo(me.email)).find((m) => m.subject.includes('receipt'));
    expect(receiptMail?.text).toMatch(/strava: access revoked at the source/);
    expect(receiptMail?.text).toMatch(/polar: registration ended at the source/);
    expect(receiptMail?.text).toMatch(/garmin: registration ended at the source/);
    expect(receiptMail?.text).toMatch(/Stored files: 3 deleted/);
    const [receipt] = await h.db.select().from(deletionReceipts).where(eq(deletionReceipts.requestId, requestId));
    expect(receipt?.subjectHash).toBe(subject);
    expect(receipt?.counts).toMatchObject({
      files: { objects: 3 },
      aiCosts: { folded: 2 },
      stripe: { customers: 1, subscriptionsCancelled: 1, customersAnonymised: 1 },
      coaching: { links: 1, coachesTold: 1 },
    });
    expect(JSON.stringify(receipt?.counts)).not.toContain(me.email);

    // Logging in now fails exactly as for an address that never had an account.
    const gone = await h.json('/api/v1/auth/login', { body: { email: me.email, password: PASSWORD } });
    const never = await h.json('/api/v1/auth/login', { body: { email: `never-${me.email}`, password: PASSWORD } });
    expect(gone.status).toBe(never.status);
    expect((gone.body as { error: { message: string } }).error.message).toBe((never.body as { error: { message: string } }).error.message);
  });

  it('resumes after a crash mid-way: steps done stay done, the rest finishes', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const id = me.user.id;
    await env.UPLOADS.put(`imports/${id}/one`, 'x');
    const requestId = await requestDeletion(h, me.cookie);
    await scheduleNow(h, requestId);
    // The receipt email fails once: everything before it has run and is recorded.
    const real = createProviders(h.env);
    let sends = 0;
    const failing = {
      ...real,
      email: {
        send: async (m: Parameters<typeof real.email.send>[0]) => {
          if (m.tag === 'account-deletion-receipt' && sends++ === 0) throw new Error('email provider down');
          return real.email.send(m);
        },
      },
    };
    await expect(batchServices(h, failing).deletion.run(requestId)).rejects.toThrow('email provider down');
    const [mid] = await h.db.select().from(privacyRequests).where(eq(privacyRequests.id, requestId));
    expect(mid?.status).toBe('running');
    expect(mid?.error).toBe('Error: email provider down');
    expect((mid!.progress as { done: string[] }).done).toEqual([
      'lock',
      'plan',
      'providers',
      'stripe',
      'coaching',
      'ai-costs',
      'files',
      'rows',
      'audit',
    ]);
    expect(await objectsUnder(`imports/${id}/`)).toBe(0);
    expect(await h.userById(id)).toBeTruthy();

    // The retry (same services, the provider back) finishes from there.
    expect(await batchServices(h, failing).deletion.run(requestId)).toBe('done');
    const [done] = await h.db.select().from(privacyRequests).where(eq(privacyRequests.id, requestId));
    expect(done).toMatchObject({ status: 'done', userId: null });
    expect((done!.result as { files: { objects: number } }).files.objects).toBe(1);
    expect(await h.db.select().from(users).where(eq(users.id, id))).toEqual([]);
    expect(await rowsNaming(h, id, me.email)).toEqual([]);
    // A third run finds nothing to do.
    expect(await batchServices(h).deletion.run(requestId)).toBe('skipped');
  });

  it('refuses the only owner of a coaching org until the org is deleted; org deletion keeps linked athletes and tells them', async () => {
    const h = Harness.init();
    const w = await coachOrg(h, { name: 'Closing Coaching' });
    const athlete = await h.signup();
    const { client } = await w.clientWithPackage('Linked Client');
    await w.linkAthlete(client.id, athlete);

    const refused = await h.json('/api/v1/me/deletion', { body: { password: PASSWORD, confirm: 'DELETE' }, cookie: w.coach.cookie });
    expect(refused.status).toBe(409);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/only owner of “Closing Coaching”/);

    const wrongName = await h.json('/api/v1/coach/org/deletion', {
      body: { password: PASSWORD, confirm: 'Closing' },
      cookie: w.coach.cookie,
    });
    expect(wrongName.status).toBe(400);
    const accepted = await h.json<{ requestId: string }>('/api/v1/coach/org/deletion', {
      body: { password: PASSWORD, confirm: 'Closing Coaching' },
      cookie: w.coach.cookie,
    });
    expect(accepted.status).toBe(202);
    await requestDone(h, accepted.body.requestId);
    expect(await h.db.select().from(clients).where(eq(clients.id, client.id))).toEqual([]);
    expect(await h.userById(athlete.user.id)).toBeTruthy();
    await vi.waitFor(
      async () => {
        const told = await h.db.select({ data: notifications.data }).from(notifications).where(eq(notifications.userId, athlete.user.id));
        expect(told.map((n) => (n.data as { title?: string }).title)).toContain('Closing Coaching closed its coaching organisation');
      },
      { timeout: 10_000, interval: 200 },
    );
    // Now the coach may delete their own account.
    expect((await h.json('/api/v1/me/deletion', { body: { password: PASSWORD, confirm: 'DELETE' }, cookie: w.coach.cookie })).status).toBe(
      202,
    );
  });

  it('the orphan sweep counts R2 objects of accounts that do not exist, and Ops Pulse shows them', async () => {
    const h = Harness.init();
    const ghost = crypto.randomUUID();
    await env.UPLOADS.put(`imports/${ghost}/left-behind`, 'x');
    const { sweepOrphans } = await import('./orphans');
    const { counts } = await sweepOrphans(h.db, env.UPLOADS);
    expect(counts['r2:imports/']).toBeGreaterThanOrEqual(1);
    // Ops Pulse shows what the last sweep found.
    const reader = await h.userWithRole('admin', ['ops.read']);
    const pulse = await h.json<{ sections: { key: string; counts: Record<string, number>; rows: { label: string }[] }[] }>(
      '/api/v1/admin/ops/pulse',
      { cookie: reader.cookie },
    );
    const privacy = pulse.body.sections.find((s) => s.key === 'privacy');
    expect(privacy?.counts.orphans).toBeGreaterThanOrEqual(1);
    expect(privacy?.rows.map((r) => r.label)).toContain('R2 imports/');
    await env.UPLOADS.delete(`imports/${ghost}/left-behind`);
  });
});
