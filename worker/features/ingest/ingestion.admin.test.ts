import { describe, expect, it } from 'vitest';
import { Harness } from '../../testing/harness';

// The brake's access rules; none of these requests is allowed to change the flag.
describe('emergency brake access', () => {
  it('only admins holding the permission may pull it', async () => {
    const h = Harness.init();
    const body = { paused: true };
    expect((await h.json('/api/v1/admin/ingestion/pause', { method: 'PUT', body })).status).toBe(401);
    const athlete = await h.signup();
    expect((await h.json('/api/v1/admin/ingestion/pause', { method: 'PUT', body, cookie: athlete.cookie })).status).toBe(403);
    const admin = await h.userWithRole('admin');
    expect((await h.json('/api/v1/admin/ingestion/pause', { method: 'PUT', body, cookie: admin.cookie })).status).toBe(403);
    const ops = await h.userWithRole('admin', ['system.ingestion_pause']);
    const bad = await h.json('/api/v1/admin/ingestion/pause', { method: 'PUT', body: { paused: 'yes' }, cookie: ops.cookie });
    expect(bad.status).toBe(400);
    const counts = await h.json(`/api/v1/admin/ingestion/athletes/${athlete.user.id}/jobs`, { cookie: ops.cookie });
    expect(counts.body).toEqual({ queued: 0, running: 0, deferred: 0, done: 0, error: 0 });
    expect((await h.json(`/api/v1/admin/ingestion/athletes/${athlete.user.id}/jobs`, { cookie: athlete.cookie })).status).toBe(403);
  });
});
