import { describe, expect, it } from 'vitest';
import type { Body } from '../../testing/bodies';
import { Harness, expectErrorShape } from '../../testing/harness';
import type { AuditPage } from './audit-viewer.schema';
import { createAuditService } from './audit.service';

type Page = Body<typeof AuditPage>;

/** Five entries under an action prefix of this test's own, by one actor, about two targets. */
async function entries(h: Harness, actor: { id: string }) {
  const prefix = `test.viewer${crypto.randomUUID().slice(0, 8)}`;
  const audit = createAuditService(h.db, 'req-v');
  const a = crypto.randomUUID();
  const b = crypto.randomUUID();
  for (const [i, target] of [a, a, b, a, b].entries())
    await audit.record({
      actor: { id: actor.id, role: 'admin' },
      action: `${prefix}.${i % 2 ? 'odd' : 'even'}`,
      target: { type: 'user', id: target },
      payload: { n: i, note: 'x, "quoted"' },
    });
  return { prefix, a, b };
}

describe('audit viewer', () => {
  it('filters by action prefix, target, actor and time, newest first', async () => {
    const h = Harness.init();
    const reader = await h.userWithRole('admin', ['audit.read']);
    const { prefix, b } = await entries(h, reader);
    const get = async (q: string) => (await h.json<Page>(`/api/v1/admin/audit?${q}`, { cookie: reader.cookie })).body;

    const all = await get(`action=${prefix}.`);
    expect(all.entries.map((e) => e.payload.n)).toEqual([4, 3, 2, 1, 0]);
    expect((await get(`action=${prefix}.odd`)).entries.map((e) => e.payload.n)).toEqual([3, 1]);
    expect((await get(`action=${prefix}&targetType=user&targetId=${b}`)).entries.map((e) => e.payload.n)).toEqual([4, 2]);
    expect((await get(`action=${prefix}&actorId=${reader.id}`)).entries).toHaveLength(5);
    expect((await get(`action=${prefix}&actorId=${crypto.randomUUID()}`)).entries).toHaveLength(0);
    expect((await get(`action=${prefix}&from=2999-01-01`)).entries).toHaveLength(0);
    expect((await get(`action=${prefix}&to=2000-01-01`)).entries).toHaveLength(0);
    // Blank fields (the page's GET form) mean no filter; a LIKE wildcard in the prefix is literal.
    expect((await get(`action=${prefix}&targetType=&targetId=&from=&to=&actorId=&before=`)).entries).toHaveLength(5);
    expect((await get(`action=${prefix.slice(0, -1)}_`)).entries).toHaveLength(0);
    expect(all.entries[0]).toMatchObject({ targetId: b, actorId: reader.id, actorRole: 'admin', requestId: 'req-v' });
  });

  it('pages with a keyset cursor until the last page', async () => {
    const h = Harness.init();
    const reader = await h.userWithRole('admin', ['audit.read']);
    const { prefix } = await entries(h, reader);
    const seen: unknown[] = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const q: string = `action=${prefix}.&limit=2${cursor ? `&before=${cursor}` : ''}`;
      const { body } = await h.json<Page>(`/api/v1/admin/audit?${q}`, { cookie: reader.cookie });
      seen.push(...body.entries.map((e) => e.payload.n));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual([4, 3, 2, 1, 0]);
    expect(pages).toBe(3);
  });

  it('shows actor names and emails only with users.pii', async () => {
    const h = Harness.init();
    const reader = await h.userWithRole('admin', ['audit.read']);
    const owner = await h.userWithRole('owner');
    const { prefix } = await entries(h, reader);
    const masked = await h.json<Page>(`/api/v1/admin/audit?action=${prefix}.`, { cookie: reader.cookie });
    expect(masked.body.entries[0]).toMatchObject({ actorId: reader.id, actorEmail: null, actorName: null });
    const full = await h.json<Page>(`/api/v1/admin/audit?action=${prefix}.`, { cookie: owner.cookie });
    expect(full.body.entries[0]).toMatchObject({ actorId: reader.id, actorEmail: reader.email, actorName: 'Test admin' });

    const csv = await (await h.call(`/api/v1/admin/audit.csv?action=${prefix}.`, { cookie: reader.cookie })).text();
    expect(csv).not.toContain(reader.email);
    expect(csv).toContain(reader.id);
    const ownerCsv = await (await h.call(`/api/v1/admin/audit.csv?action=${prefix}.`, { cookie: owner.cookie })).text();
    expect(ownerCsv.split('\r\n')[0]).toContain('actor_email');
    expect(ownerCsv).toContain(reader.email);
  });

  it('exports CSV with quoting and a download name', async () => {
    const h = Harness.init();
    const reader = await h.userWithRole('admin', ['audit.read']);
    const { prefix } = await entries(h, reader);
    const res = await h.call(`/api/v1/admin/audit.csv?action=${prefix}.odd`, { cookie: reader.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="cadence-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,created_at,actor_id,actor_role,action,target_type,target_id,payload,request_id');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,"n=3 note=x, ""quoted""",req-v`);
  });

  it('refuses readers without audit.read', async () => {
    const h = Harness.init();
    const admin = await h.userWithRole('admin', ['ops.read']);
    const athlete = await h.signup();
    for (const cookie of [admin.cookie, athlete.cookie])
      for (const path of ['/api/v1/admin/audit', '/api/v1/admin/audit.csv']) {
        const r = await h.json(path, { cookie });
        expect(r.status).toBe(403);
        expectErrorShape(r.body, 'FORBIDDEN');
      }
    expect((await h.call('/api/v1/admin/audit')).status).toBe(401);
    const reader = await h.userWithRole('admin', ['audit.read']);
    expect((await h.json('/api/v1/admin/audit?actorId=nope', { cookie: reader.cookie })).status).toBe(400);
  });
});
