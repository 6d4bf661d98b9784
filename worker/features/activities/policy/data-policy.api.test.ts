// The operator's switch of the Strava data policy on Ops Pulse (ADR 036): who may read and switch it, the
// audit row each real change leaves, and an impersonation refused even with the permission behind it.
import { describe, expect, it } from 'vitest';
import { impCookieFrom } from '../../impersonation/impersonation.testing';
import type { ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { POLICY_FLAG } from './policy.repo';
import type { PolicyMode } from './policy.table';

type View = {
  mode: PolicyMode;
  since: string | null;
  sources: { source: string; uses: Record<string, boolean>; rawCacheDays: number | null }[];
};
const PATH = '/api/v1/admin/ops/data-policy';

describe('the data-policy switch', () => {
  it('is read with ops.read, switched with system.data_policy, audited once per real change', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const reader = await h.userWithRole('admin', ['ops.read']);
    const switcher = await h.userWithRole('admin', ['ops.read', 'system.data_policy']);

    expect((await h.json(PATH, { cookie: athlete.cookie })).status).toBe(403);
    const read = await h.json<View>(PATH, { cookie: reader.cookie });
    expect(read.status).toBe(200);
    expect(read.body.mode).toBe('default');
    expect(read.body.sources.find((s) => s.source === 'strava')).toMatchObject({
      uses: { owner: true, coach: false, social: false, analytics: true, ai: false },
      rawCacheDays: null,
    });

    const refused = await h.json<ErrorBody>(PATH, { method: 'PUT', cookie: reader.cookie, body: { mode: 'strict' } });
    expect(refused.status).toBe(403);
    expectErrorShape(refused.body, 'FORBIDDEN');
    const bad = await h.json<ErrorBody>(PATH, { method: 'PUT', cookie: switcher.cookie, body: { mode: 'lenient' } });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 'VALIDATION');

    const on = await h.json<View>(PATH, { method: 'PUT', cookie: switcher.cookie, body: { mode: 'strict' } });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ mode: 'strict', since: expect.any(String) });
    expect(on.body.sources.find((s) => s.source === 'strava')).toMatchObject({
      uses: { owner: true, coach: false, social: false, analytics: false, ai: false },
      rawCacheDays: 7,
    });
    // The same mode again changes nothing and records nothing.
    expect((await h.json(PATH, { method: 'PUT', cookie: switcher.cookie, body: { mode: 'strict' } })).status).toBe(200);
    expect((await h.json(PATH, { method: 'PUT', cookie: switcher.cookie, body: { mode: 'default' } })).status).toBe(200);

    const audit = await h.auditFor('system', POLICY_FLAG);
    expect(audit.map((a) => ({ action: a.action, actorId: a.actorId, payload: a.payload }))).toEqual([
      { action: 'data_policy.mode_changed', actorId: switcher.id, payload: { from: 'default', to: 'strict' } },
      { action: 'data_policy.mode_changed', actorId: switcher.id, payload: { from: 'strict', to: 'default' } },
    ]);
    expect(audit.every((a) => typeof a.requestId === 'string')).toBe(true);
  });

  it('refuses an impersonation of an operator who holds the permission: switching is the operator’s own act', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const admin = await h.userWithRole('admin', ['ops.read', 'system.data_policy']);
    const res = await h.call('/api/v1/admin/impersonation', {
      cookie: owner.cookie,
      body: { userId: admin.id, reason: 'Data policy test' },
    });
    expect(res.status).toBe(201);
    const both = `${owner.cookie}; ${impCookieFrom(res)}`;
    // Tests in a file share its database: count from here.
    const auditBefore = (await h.auditFor('system', POLICY_FLAG)).length;
    const refused = await h.json<ErrorBody>(PATH, { method: 'PUT', cookie: both, body: { mode: 'strict' } });
    expect(refused.status).toBe(403);
    expectErrorShape(refused.body, 'IMPERSONATION_BLOCKED');
    expect(refused.body.error.message).toMatch(/^You cannot switch the data policy while impersonating/);
    expect((await h.json<View>(PATH, { cookie: admin.cookie })).body.mode).toBe('default');
    expect(await h.auditFor('system', POLICY_FLAG)).toHaveLength(auditBefore);
    // The admin's own session may.
    expect((await h.json(PATH, { method: 'PUT', cookie: admin.cookie, body: { mode: 'strict' } })).status).toBe(200);
  });
});
