import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('GET /api/health', () => {
  it('answers without touching the database', async () => {
    const res = await exports.default.fetch('http://cadence.test/api/health');
    expect(res.status).toBe(200);
    const body = await res.json<{ status: string }>();
    expect(body.status).toBe('ok');
    expect(res.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
  });

  it('unknown API routes answer 404 in the error shape', async () => {
    const res = await exports.default.fetch('http://cadence.test/api/nope');
    expect(res.status).toBe(404);
    const body = await res.json<{ error: { code: string; requestId: string } }>();
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.requestId).toBeTruthy();
  });
});
