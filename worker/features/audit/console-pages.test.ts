import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password';
import { Harness, PASSWORD, uniqueEmail } from '../../testing/harness';
import { createAuditService } from './audit.service';

async function demoUser(h: Harness) {
  const email = uniqueEmail('demo');
  await h.db.execute(sql`
    INSERT INTO users (email, password_hash, display_name, role) VALUES (${email}, ${await hashPassword(PASSWORD)}, 'Demo', 'demo')`);
  return { cookie: await h.login(email, PASSWORD) };
}

describe('console pages: metrics and audit', () => {
  it('renders metrics with charts, their tables and the CSV link for ops.read', async () => {
    const h = Harness.init();
    const ops = await h.userWithRole('admin', ['ops.read']);
    const res = await h.call('/admin/metrics?period=month', { cookie: ops.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Platform metrics');
    expect(html).toContain('href="/api/v1/admin/metrics.csv?period=month"');
    expect(html).toContain('Signups per month');
    expect((html.match(/<svg[^>]*role="img"/g) ?? []).length).toBe(5);
    expect(html).toContain('Show the numbers');
    expect((await h.call('/admin/metrics', { cookie: (await h.signup()).cookie })).status).toBe(403);
  });

  it('renders filtered audit entries, masking actors without users.pii', async () => {
    const h = Harness.init();
    const actor = await h.userWithRole('admin');
    const target = crypto.randomUUID();
    const action = `test.page${crypto.randomUUID().slice(0, 8)}`;
    await createAuditService(h.db, null).record({
      actor: { id: actor.id, role: 'admin' },
      action,
      target: { type: 'user', id: target },
      payload: { reason: 'checking', n: 1 },
    });
    const demo = await demoUser(h);
    const masked = await (await h.call(`/admin/audit?action=${action}`, { cookie: demo.cookie })).text();
    expect(masked).toContain(action);
    expect(masked).toContain('n=1 reason=checking');
    expect(masked).toContain(`href="/admin/athletes/${target}"`);
    expect(masked).toContain(actor.id);
    expect(masked).not.toContain(actor.email);
    expect(masked).not.toContain('Retention'); // demo lacks audit.retention

    const owner = await h.userWithRole('owner');
    const full = await (await h.call(`/admin/audit?action=${action}`, { cookie: owner.cookie })).text();
    expect(full).toContain(actor.email);
    expect(full).toContain('Retention');
    const bad = await h.call('/admin/audit?actorId=not-a-uuid', { cookie: owner.cookie });
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain('Check the filters');
  });

  it('runs the retention form: a dry run, then a typed confirmation', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const post = (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      return h.call('/admin/audit', { cookie: owner.cookie, method: 'POST', body: form });
    };
    const dry = await post({ intent: 'dry-run', retentionDays: '365' });
    expect(dry.status).toBe(200);
    const unconfirmed = await post({ intent: 'purge', retentionDays: '365', confirm: 'yes' });
    expect(unconfirmed.status).toBe(400);
    const short = await post({ intent: 'dry-run', retentionDays: '30' });
    expect(short.status).toBe(400);
    const runs = await h.auditForActions(owner.id, 'audit.retention_run');
    expect(runs.map((r) => r.payload.dryRun)).toEqual([true]);
  });
});
