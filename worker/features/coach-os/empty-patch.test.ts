// Empty patches and free text on the coach API: tenancy and existence are checked before the body,
// so another org's id is a 404 whatever is sent; an empty patch on your own object is a clear 400.
import { describe, expect, it } from 'vitest';
import type { Body, ErrorBody } from '../../testing/bodies';
import { Harness, expectErrorShape } from '../../testing/harness';
import { giveTeam, type Client, type Org } from '../../testing/scenarios';
import type { Automation } from './automations/automations.schema';

async function coachWithOrg(h: Harness, tag: string) {
  const coach = await h.userWithRole('coach');
  // Refusals unless the call names a route's success type.
  const api = <T = ErrorBody>(path: string, init: { method?: string; body?: unknown } = {}) =>
    h.json<T>(`/api/v1/coach${path}`, { ...init, cookie: coach.cookie });
  const made = async <T>(path: string, body: unknown) => {
    const r = await api<T>(path, { body });
    if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const org = await made<Org>('/org', { name: `${tag} Coaching`, timeZone: 'America/Denver' });
  await giveTeam(h, org.id, coach.id);
  const client = await made<Client>('/clients', { name: `${tag} Client` });
  const automation = await made<Body<typeof Automation>>('/automations', {
    name: `${tag} nudge`,
    trigger: { kind: 'daily', time: '07:00' },
    action: { kind: 'task', title: 'Check in', message: '' },
    audience: { kind: 'coach' },
  });
  return { coach, api, client, automation };
}

const nothingToUpdate = (r: { status: number; body: ErrorBody }) => {
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expectErrorShape(r.body, 'VALIDATION');
  expect(r.body.error.message).toMatch(/Nothing to update: send at least one of /);
};

describe('empty PATCH', () => {
  it('another org’s client or automation is a 404 whatever the body; your own is a 400 “Nothing to update”, and nothing changes', async () => {
    const h = Harness.init();
    const [a, b] = await Promise.all([coachWithOrg(h, 'Alpha'), coachWithOrg(h, 'Bravo')]);
    for (const body of [{}, { bogus: 1, alsoUnknown: 'x' }]) {
      for (const path of [`/clients/${a.client.id}`, `/automations/${a.automation.id}`, `/clients/${crypto.randomUUID()}`]) {
        const r = await b.api(path, { method: 'PATCH', body });
        expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(404);
        expectErrorShape(r.body, 'NOT_FOUND');
      }
      nothingToUpdate(await a.api(`/clients/${a.client.id}`, { method: 'PATCH', body }));
      nothingToUpdate(await a.api(`/automations/${a.automation.id}`, { method: 'PATCH', body }));
      nothingToUpdate(await a.api('/org', { method: 'PATCH', body }));
      nothingToUpdate(await h.json<ErrorBody>('/api/v1/me', { method: 'PATCH', body, cookie: a.coach.cookie }));
    }
    expect((await a.api<Client>(`/clients/${a.client.id}`)).body).toMatchObject({ name: 'Alpha Client', archived: false });
    expect((await a.api<Org>('/org')).body).toMatchObject({ name: 'Alpha Coaching', timeZone: 'America/Denver' });
    // A real change still works, and a phone another client has is a 409 rather than a 500.
    expect((await a.api(`/clients/${a.client.id}`, { method: 'PATCH', body: { archived: false } })).status).toBe(200);
    const phone = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    await a.api('/clients', { body: { name: 'Other', phone } });
    const clash = await a.api(`/clients/${a.client.id}`, { method: 'PATCH', body: { phone } });
    expect(clash.status).toBe(409);
    expectErrorShape(clash.body, 'CONFLICT');
  });
});

describe('free text on the coach API', () => {
  it('refuses NUL and control characters with a 400 naming the field; line breaks only in multi-line fields', async () => {
    const h = Harness.init();
    const a = await coachWithOrg(h, 'Text');
    // Bodies with a bad character in one field, and the field the 400 must name.
    const cases: [string, Record<string, unknown>, string][] = [
      ['/clients', { name: 'Ada\u0000' }, 'name'],
      ['/clients', { name: 'Ada', notes: 'x\u0000y' }, 'notes'],
      ['/clients', { name: 'Ada\nLovelace' }, 'name'],
      ['/package-types', { name: '10\u0000x', sessions: 10, sessionMinutes: 60, priceCents: 100, currency: 'usd' }, 'name'],
      [`/clients/${a.client.id}/sessions/use`, { idempotencyKey: 'key-\u00001234' }, 'idempotencyKey'],
      [
        '/automations',
        {
          name: 'N',
          trigger: { kind: 'daily', time: '07:00' },
          action: { kind: 'task', title: 'T\u0000', message: '' },
          audience: { kind: 'coach' },
        },
        'action.title',
      ],
    ];
    for (const [path, body, field] of cases) {
      const r = await a.api(path, { body });
      expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
      expect(r.body.error.fields!.map((f) => f.path)).toContain(field);
    }
    const put = await a.api('/sms/templates/reminder', { method: 'PUT', body: { body: 'See you {{session_time}}\u0000' } });
    expect(put.status).toBe(400);
    const ok = await a.api<Client>('/clients', { body: { name: '  Ada Lovelace  ', notes: 'Line one\nLine two\twith a tab' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ name: 'Ada Lovelace', notes: 'Line one\nLine two\twith a tab' });
  });
});
