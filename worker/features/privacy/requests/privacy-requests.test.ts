import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../context';
import { impCookieFrom } from '../../impersonation/impersonation.testing';
import { hashPassword } from '../../auth/password';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { Harness, PASSWORD, expectErrorShape, uniqueEmail } from '../../../testing/harness';
import { RETENTION_RULES } from '../retention/retention.rules';
import { DELETION_GRACE_DAYS, legalDueDate } from './deletion-starter';
import { operatorInitiator, selfInitiator } from './initiator';
import type { QueuePage, StartedDeletionBody } from './requests.schema';

type Queue = Body<typeof QueuePage>;
type Started = Body<typeof StartedDeletionBody>;
const DAY = 86_400_000;

async function demoUser(h: Harness) {
  const email = uniqueEmail('demo');
  await h.db.execute(sql`
    insert into users (email, password_hash, display_name, role) values (${email}, ${await hashPassword(PASSWORD)}, 'Demo', 'demo')`);
  return { cookie: await h.login(email, PASSWORD) };
}

/** A request backdated `daysAgo` days, due one month after. */
async function request(
  h: Harness,
  userId: string,
  kind: 'export' | 'deletion',
  status: string,
  daysAgo: number,
  by?: { id: string; reason: string },
) {
  const at = new Date(Date.now() - daysAgo * DAY);
  const r = await h.db.execute(sql`
    insert into privacy_requests (kind, status, user_id, requested_by, reason, requested_at, due_at, run_after, completed_at)
    values (${kind}, ${status}, ${userId}, ${by?.id ?? null}, ${by?.reason ?? null}, ${at}, ${legalDueDate(at)}, ${at},
            ${['ready', 'done'].includes(status) ? new Date() : null})
    returning id`);
  return (r.rows[0] as { id: string }).id;
}

describe('the data-request queue', () => {
  it('lists open requests with their legal due date, overdue first, answered ones only on request', async () => {
    const h = Harness.init();
    const [a, b, c, d] = await Promise.all([h.signup(), h.signup(), h.signup(), h.signup()]);
    const owner = await h.userWithRole('owner');
    const fresh = await request(h, a.user.id, 'deletion', 'queued', 2);
    const late = await request(h, b.user.id, 'export', 'failed', 40);
    const later = await request(h, c.user.id, 'export', 'queued', 33, { id: owner.id, reason: 'Letter received 3 Nov' });
    const answered = await request(h, d.user.id, 'export', 'ready', 50);

    const open = await h.json<Queue>('/api/v1/admin/privacy/requests', { cookie: owner.cookie });
    expect(open.status).toBe(200);
    const ids = open.body.entries.map((e) => e.id);
    // Overdue first, the most overdue first; then the rest by due date; answered ones not at all.
    expect(ids.filter((id) => [fresh, late, later, answered].includes(id))).toEqual([late, later, fresh]);
    expect(open.body.counts.overdue).toBeGreaterThanOrEqual(2);
    const byId = Object.fromEntries(open.body.entries.map((e) => [e.id, e]));
    expect(byId[late]).toMatchObject({ kind: 'export', status: 'failed', overdue: true, requestedBy: { kind: 'self', operatorId: null } });
    expect(byId[late]!.daysLeft).toBeLessThan(0);
    expect(byId[fresh]).toMatchObject({ overdue: false, requestedBy: { kind: 'self' } });
    expect(byId[fresh]!.daysLeft).toBeGreaterThanOrEqual(27);
    expect(new Date(byId[fresh]!.dueAt!).getTime() - new Date(byId[fresh]!.requestedAt).getTime()).toBeGreaterThanOrEqual(28 * DAY);
    expect(byId[later]).toMatchObject({ requestedBy: { kind: 'operator', operatorId: owner.id }, reason: 'Letter received 3 Nov' });
    expect(byId[later]!.subject.label).toContain(c.user.email);

    const all = await h.json<Queue>('/api/v1/admin/privacy/requests?scope=all', { cookie: owner.cookie });
    const allIds = all.body.entries.map((e) => e.id).filter((id) => [fresh, late, later, answered].includes(id));
    expect(allIds).toEqual([late, later, fresh, answered]);
    expect(all.body.entries.find((e) => e.id === answered)).toMatchObject({ status: 'ready', overdue: false, daysLeft: null });
  });

  it('lists a failed archive re-import as no legal request: no due date, never open or overdue, with its reason and what follows', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const owner = await h.userWithRole('owner');
    const at = new Date(Date.now() - 40 * DAY);
    const r = await h.db.execute(sql`
      insert into privacy_requests (kind, status, user_id, requested_at, due_at, run_after, completed_at, error)
      values ('reimport', 'failed', ${a.user.id}, ${at}, ${legalDueDate(at)}, ${at}, ${at},
              'The archive could not be imported: data/account/users.json is not a JSON array of rows (row 1 is not valid JSON).')
      returning id`);
    const id = (r.rows[0] as { id: string }).id;
    const before = await h.json<Queue>('/api/v1/admin/privacy/requests', { cookie: owner.cookie });
    expect(before.body.entries.map((e) => e.id)).not.toContain(id);

    const all = await h.json<Queue>('/api/v1/admin/privacy/requests?scope=all', { cookie: owner.cookie });
    expect(all.status).toBe(200);
    const entry = all.body.entries.find((e) => e.id === id);
    expect(entry).toMatchObject({ kind: 'reimport', status: 'failed', dueAt: null, overdue: false, daysLeft: null });
    expect(entry!.failure!.reason).toContain('data/account/users.json');
    expect(entry!.failure!.action).toMatch(/import a corrected archive again/);
    // Not counted among the open or overdue requests: the counts are the same with it as without it.
    await h.db.execute(sql`delete from privacy_requests where id = ${id}`);
    const after = await h.json<Queue>('/api/v1/admin/privacy/requests', { cookie: owner.cookie });
    expect(all.body.counts).toEqual(after.body.counts);
  });

  it('masks personal data for operators without users.pii (and the demo role), as the console does', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const owner = await h.userWithRole('owner');
    const id = await request(h, a.user.id, 'deletion', 'queued', 1, { id: owner.id, reason: `Email from ${a.user.email}` });
    const reader = await h.userWithRole('admin', ['users.read']);
    for (const cookie of [reader.cookie, (await demoUser(h)).cookie]) {
      const r = await h.json<Queue>('/api/v1/admin/privacy/requests', { cookie });
      expect(r.status).toBe(200);
      const e = r.body.entries.find((x) => x.id === id)!;
      expect(JSON.stringify(e)).not.toContain(a.user.email);
      expect(JSON.stringify(e)).not.toContain(owner.email);
      expect(e.subject.label).toMatch(/•••/);
      expect(e.reason).toBe('•••');
      expect(e.subject.userId).toBe(a.user.id);
    }
    const athlete = await h.json<ErrorBody>('/api/v1/admin/privacy/requests', { cookie: a.cookie });
    expect(athlete.status).toBe(403);
  });

  it('renders the console page: overdue first and flagged, masked for the demo role, the deletion form for owners only', async () => {
    const h = Harness.init();
    const [a, b] = await Promise.all([h.signup(), h.signup()]);
    await request(h, a.user.id, 'deletion', 'queued', 3);
    await request(h, b.user.id, 'export', 'queued', 45);
    const owner = await h.userWithRole('owner');
    const page = await h.call('/admin/privacy', { cookie: owner.cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Data requests');
    expect(html.indexOf(b.user.email)).toBeGreaterThan(-1);
    expect(html.indexOf(b.user.email)).toBeLessThan(html.indexOf(a.user.email));
    expect(html).toMatch(/Overdue \d+ days/);
    expect(html).toContain('Queue deletion');

    const demo = await (await h.call('/admin/privacy', { cookie: (await demoUser(h)).cookie })).text();
    expect(demo).toContain('Personal data masked');
    expect(demo).not.toContain(a.user.email);
    expect(demo).not.toContain('Queue deletion');
    const admin = await h.userWithRole('admin', ['users.read', 'users.pii', 'users.manage']);
    expect(await (await h.call('/admin/privacy', { cookie: admin.cookie })).text()).not.toContain('Queue deletion');
    const form = new FormData();
    form.set('userId', a.user.id);
    form.set('reason', 'An admin trying the owner form');
    expect((await h.call('/admin/privacy', { cookie: admin.cookie, body: form })).status).toBe(403);
  });
});

describe('a deletion an owner starts', () => {
  it('needs an owner and a reason, queues the deletion with its grace period, and is audited', async () => {
    const h = Harness.init();
    const target = await h.signup();
    const owner = await h.userWithRole('owner');
    const post = (cookie: string, body: unknown) => h.json<Started & ErrorBody>('/api/v1/admin/privacy/deletions', { cookie, body });

    for (const reason of [undefined, '', '   ', 'short']) {
      const r = await post(owner.cookie, { userId: target.user.id, ...(reason === undefined ? {} : { reason }) });
      expect(r.status).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
    }
    // Every non-owner operator, whatever they hold: 403.
    const admin = await h.userWithRole('admin', ['users.read', 'users.pii', 'users.manage', 'audit.retention', 'billing.manage']);
    for (const [cookie, code] of [
      [admin.cookie, 'FORBIDDEN'],
      [(await demoUser(h)).cookie, 'DEMO_READ_ONLY'],
      [target.cookie, 'FORBIDDEN'],
    ] as const) {
      const r = await post(cookie, { userId: target.user.id, reason: 'Emailed request, ticket 42' });
      expect(r.status).toBe(403);
      expectErrorShape(r.body, code);
    }
    const none = await h.db.execute(sql`select 1 from privacy_requests where user_id = ${target.user.id}`);
    expect(none.rows).toHaveLength(0);

    const before = Date.now();
    const ok = await post(owner.cookie, { userId: target.user.id, reason: 'Emailed request, ticket 42' });
    expect(ok.status).toBe(201);
    expect(ok.body.created).toBe(true);
    const row = (
      await h.db.execute(
        sql`select kind, status, requested_by, reason, run_after, due_at from privacy_requests where id = ${ok.body.requestId}`,
      )
    ).rows[0] as { kind: string; status: string; requested_by: string; reason: string; run_after: string; due_at: string };
    expect(row).toMatchObject({ kind: 'deletion', status: 'queued', requested_by: owner.id, reason: 'Emailed request, ticket 42' });
    expect(new Date(row.run_after).getTime()).toBeGreaterThanOrEqual(before + DELETION_GRACE_DAYS * DAY - 60_000);
    expect(new Date(row.run_after).getTime()).toBeLessThanOrEqual(Date.now() + DELETION_GRACE_DAYS * DAY);
    expect(new Date(row.due_at).getTime()).toBeGreaterThanOrEqual(before + 28 * DAY);

    // Asked again: the open one comes back, nothing new is queued, and the ask is audited too.
    const again = await post(owner.cookie, { userId: target.user.id, reason: 'Second email, same ticket' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ requestId: ok.body.requestId, created: false });

    const audited = await h.auditFor('user', target.user.id);
    const mine = audited.filter((a) => a.action === 'privacy.deletion_requested_by_operator');
    expect(mine.map((a) => [a.actorId, a.payload])).toEqual([
      [owner.id, expect.objectContaining({ requestId: ok.body.requestId, reason: 'Emailed request, ticket 42', created: true })],
      [owner.id, expect.objectContaining({ requestId: ok.body.requestId, reason: 'Second email, same ticket', created: false })],
    ]);
  });

  it('refuses an unknown account (404), an owner account and the owner themselves', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const other = await h.userWithRole('owner');
    const post = (userId: string) =>
      h.json<ErrorBody>('/api/v1/admin/privacy/deletions', { cookie: owner.cookie, body: { userId, reason: 'A reason long enough' } });
    expect((await post(crypto.randomUUID())).status).toBe(404);
    expect((await post(other.id)).status).toBe(403);
    expect((await post(owner.id)).status).toBe(403);
    const page = new FormData();
    page.set('userId', other.id);
    page.set('reason', 'A reason long enough');
    const res = await h.call('/admin/privacy', { cookie: owner.cookie, body: page });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('An owner account cannot be deleted from the console.');
  });

  it('from the console page: the owner’s form queues it, with the same audit', async () => {
    const h = Harness.init();
    const target = await h.signup();
    const owner = await h.userWithRole('owner');
    const form = new FormData();
    form.set('userId', target.user.id);
    form.set('reason', 'Letter from the athlete, ticket 7');
    const res = await h.call('/admin/privacy', { cookie: owner.cookie, body: form });
    expect(res.status).toBe(200);
    const audited = (await h.auditFor('user', target.user.id)).filter((a) => a.action === 'privacy.deletion_requested_by_operator');
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actorId).toBe(owner.id);
  });

  it('is never started from an impersonation: the route refuses it, and so does the initiator itself', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const victim = await h.signup();
    const target = await h.signup();
    const start = await h.call('/api/v1/admin/impersonation', {
      cookie: owner.cookie,
      body: { userId: victim.user.id, reason: 'Support ticket 9' },
    });
    expect(start.status).toBe(201);
    const both = `${owner.cookie}; ${impCookieFrom(start)}`;
    const r = await h.json<ErrorBody>('/api/v1/admin/privacy/deletions', {
      cookie: both,
      body: { userId: target.user.id, reason: 'Trying while impersonating' },
    });
    expect(r.status).toBe(403);
    expectErrorShape(r.body, 'IMPERSONATION_BLOCKED');
    expect((await h.db.execute(sql`select 1 from privacy_requests where user_id = ${target.user.id}`)).rows).toHaveLength(0);

    // By construction: whatever calls the services, an impersonated viewer yields no initiator.
    const impersonated = { user: { id: owner.id, role: 'owner' }, sessionId: 's', impersonatorId: owner.id } as unknown as Viewer;
    expect(() => operatorInitiator(impersonated, 'request an account deletion')).toThrow(/while impersonating/);
    expect(() => selfInitiator(impersonated, 'export your data')).toThrow(/while impersonating/);
    const plainAdmin = { user: { id: owner.id, role: 'admin' }, sessionId: 's', impersonatorId: null } as unknown as Viewer;
    expect(() => operatorInitiator(plainAdmin, 'request an account deletion')).toThrow(/Only an owner/);
  });
});

describe('the retention dry run from the console', () => {
  it('counts rule by rule, deletes nothing, is audited with the operator, and needs audit.retention', async () => {
    const h = Harness.init();
    const nonce = `dry-${crypto.randomUUID()}`;
    await h.db.execute(sql`insert into oauth_states (nonce, consumed_at) values (${nonce}, now() - interval '3 days')`);
    const owner = await h.userWithRole('owner');
    const r = await h.json<{ dryRun: boolean; rules: Record<string, { matched: number; deleted: number }> }>(
      '/api/v1/admin/privacy/retention/dry-run',
      { cookie: owner.cookie, method: 'POST' },
    );
    expect(r.status).toBe(200);
    expect(r.body.dryRun).toBe(true);
    expect(r.body.rules['oauth-states']!.matched).toBeGreaterThanOrEqual(1);
    expect(Object.values(r.body.rules).every((x) => x.deleted === 0)).toBe(true);
    expect(RETENTION_RULES.filter((x) => x.job === 'privacy.retention').every((x) => x.id in r.body.rules)).toBe(true);
    expect((await h.db.execute(sql`select 1 from oauth_states where nonce = ${nonce}`)).rows).toHaveLength(1);
    const audited = await h.auditForActions(owner.id, 'privacy.retention_run');
    expect(audited.map((a) => (a.payload as { dryRun: boolean }).dryRun)).toEqual([true]);

    const reader = await h.userWithRole('admin', ['users.read', 'audit.read']);
    expect((await h.call('/api/v1/admin/privacy/retention/dry-run', { cookie: reader.cookie, method: 'POST' })).status).toBe(403);
    const form = new FormData();
    form.set('intent', 'dry-run');
    expect((await h.call('/admin/privacy', { cookie: reader.cookie, body: form })).status).toBe(403);
    const page = await h.call('/admin/privacy', { cookie: owner.cookie, body: form });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('nothing was deleted');
  });
});

describe('the public retention page', () => {
  it('lists every rule of the retention table, readable without an account', async () => {
    const h = Harness.init();
    const res = await h.call('/privacy/retention');
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = (s: string) =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
    const missing = RETENTION_RULES.filter(
      (r) => !html.includes(`id="${r.id}"`) || !html.includes(text(r.what)) || !html.includes(text(r.keep)),
    );
    expect(missing.map((r) => r.id)).toEqual([]);
    expect(html).toContain('What we keep and for how long');
    // Linked from every public page's footer.
    expect(await (await h.call('/about')).text()).toContain('href="/privacy/retention"');
  });
});
