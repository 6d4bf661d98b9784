import { describe, expect, it } from 'vitest';
import { Harness } from '../../testing/harness';
import { createAuditService } from './audit.service';

/** The database's own refusal (drizzle wraps it as the error's cause). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause;
    return cause?.message ?? String(err);
  }
  return 'no error';
}

describe('audit log', () => {
  it('is append-only at the database level', async () => {
    const h = Harness.init();
    const targetId = crypto.randomUUID();
    await createAuditService(h.db, 'req-1').record({ actor: null, action: 'test.event', target: { type: 'test', id: targetId } });
    expect(await h.auditFor('test', targetId)).toHaveLength(1);

    expect(await refusal(h.db.execute(`update audit_log set action = 'tampered' where target_id = '${targetId}'`))).toMatch(/append-only/);
    expect(await refusal(h.db.execute(`delete from audit_log where target_id = '${targetId}'`))).toMatch(/append-only/);
    expect(await refusal(h.db.execute('truncate audit_log'))).toMatch(/append-only/);
    const [row] = await h.auditFor('test', targetId);
    expect(row).toMatchObject({ action: 'test.event', requestId: 'req-1' });
  });

  it('carries the request id of the API call that caused it', async () => {
    const h = Harness.init();
    const res = await h.call('/api/v1/auth/register', {
      body: {
        email: `a-${crypto.randomUUID().slice(0, 6)}@example.test`,
        password: 'correct horse battery staple',
        inviteCode: await h.createInvite(),
        displayName: 'R',
      },
    });
    const { user } = (await res.json()) as { user: { id: string } };
    const [row] = await h.auditFor('user', user.id);
    expect(row?.requestId).toBe(res.headers.get('x-request-id'));
  });
});
