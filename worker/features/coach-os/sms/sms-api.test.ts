import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import type { SmsMessage } from './sms.schema';
import { coachWorld, eventually, sandbox, type SmsPreview, type SmsTemplate, type SmsTemplates } from './sms-testing';

describe('SMS API', () => {
  it('lists default templates with the variables, saves an org’s own, and previews in the org’s zone', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { timeZone: 'America/Denver' });
    const list = (await h.json<SmsTemplates>('/api/v1/coach/sms/templates', { cookie: w.coach.cookie })).body;
    expect(list.templates.map((t) => [t.kind, t.isDefault])).toEqual([
      ['confirmation', true],
      ['reminder', true],
      ['follow_up', true],
    ]);
    expect(list.variables).toContain('client_first_name');
    const saved = await h.json<SmsTemplate>('/api/v1/coach/sms/templates/confirmation', {
      method: 'PUT',
      body: { body: 'Hey {{client_first_name}}! See you {{session_date}} at {{session_time}}.' },
      cookie: w.coach.cookie,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ kind: 'confirmation', isDefault: false });
    const preview = (
      await h.json<SmsPreview>('/api/v1/coach/sms/templates/preview', {
        body: { kind: 'confirmation', body: 'Hey {{client_first_name}}, {{session_time}} with {{coach_name}}.' },
        cookie: w.coach.cookie,
      })
    ).body;
    // A confirmation that does not ask for Y gets the question appended; times carry MST/MDT.
    expect(preview.text).toMatch(/^Hey Alex, 9:00 AM M[SD]T with .+\. Reply Y to confirm\.$/);
    expect(preview.segments).toBe(1);
    // The saved wording is what a new booking's confirmation says.
    const c = await w.addClient('Tina Template');
    await w.book(c.id, new Date('2027-02-02T16:00:00Z'));
    const msgs = await eventually(
      () => w.messages(c.id),
      (m) => m.some((x) => x.kind === 'confirmation' && x.status === 'sent'),
    );
    expect(msgs.find((m) => m.kind === 'confirmation')!.body).toBe('Hey Tina! See you Tue 2 Feb at 9:00 AM MST. Reply Y to confirm.');
    expect(await h.auditForActions(w.coach.id, 'sms.template_updated')).toEqual([{ targetId: w.orgId, payload: { kind: 'confirmation' } }]);
  });

  it('refuses unknown variables, empty and over-long bodies with a 400 naming the field', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    for (const body of ['Hi {{first_name}}', '   ', 'x'.repeat(481), 'Hi {{client_name']) {
      const r = await h.json<ErrorBody>('/api/v1/coach/sms/templates/reminder', { method: 'PUT', body: { body }, cookie: w.coach.cookie });
      expect(r.status).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
      expect(r.body.error.fields![0]!.path).toBe('body');
    }
    const unknown = await h.json<ErrorBody>('/api/v1/coach/sms/templates/preview', {
      body: { kind: 'reminder', body: 'Hi {{first_name}}' },
      cookie: w.coach.cookie,
    });
    expect(unknown.body.error.message).toContain('{{first_name}}');
    expect((await h.json('/api/v1/coach/sms/templates/nope', { method: 'PUT', body: { body: 'x' }, cookie: w.coach.cookie })).status).toBe(
      400,
    );
  });

  it('keeps templates per org', async () => {
    const h = Harness.init();
    const a = await coachWorld(h);
    const b = await coachWorld(h);
    await h.json('/api/v1/coach/sms/templates/follow_up', {
      method: 'PUT',
      body: { body: 'Thanks {{client_first_name}} — {{org_name}}' },
      cookie: a.coach.cookie,
    });
    const inB = (await h.json<SmsTemplates>('/api/v1/coach/sms/templates', { cookie: b.coach.cookie })).body;
    expect(inB.templates.find((t) => t.kind === 'follow_up')!.isDefault).toBe(true);
    const inA = (await h.json<SmsTemplates>('/api/v1/coach/sms/templates', { cookie: a.coach.cookie })).body;
    expect(inA.templates.find((t) => t.kind === 'follow_up')).toMatchObject({
      isDefault: false,
      body: 'Thanks {{client_first_name}} — {{org_name}}',
    });
  });

  it('sends a manual message now (even in quiet hours), respects consent, and lists the thread newest first', async () => {
    const h = Harness.init();
    // Quiet around the clock except one minute: a manual message still goes.
    const w = await coachWorld(h, { quietHours: { start: '00:00', end: '23:59' } });
    const c = await w.addClient('Mo Manual');
    const sent = await h.json<SmsMessage>(`/api/v1/coach/clients/${c.id}/messages`, {
      body: { body: 'Running 5 min late, sorry!' },
      cookie: w.coach.cookie,
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ direction: 'outbound', kind: 'manual', status: 'sent', body: 'Running 5 min late, sorry!' });
    expect((await sandbox.messages(c.phone)).map((m) => m.body)).toEqual(['Running 5 min late, sorry!']);
    const twice = { body: { body: 'Once only', idempotencyKey: 'double-click-1' }, cookie: w.coach.cookie };
    const [x, y] = await Promise.all([
      h.json<SmsMessage>(`/api/v1/coach/clients/${c.id}/messages`, twice),
      h.json<SmsMessage>(`/api/v1/coach/clients/${c.id}/messages`, twice),
    ]);
    expect(x.body.id).toBe(y.body.id);
    // Whichever request planned it sent it before answering; the replay answers with that row.
    expect([x.body.status, y.body.status]).toContain('sent');
    expect((await sandbox.messages(c.phone)).filter((m) => m.body === 'Once only')).toHaveLength(1);
    const list = (await h.json<{ messages: SmsMessage[] }>(`/api/v1/coach/clients/${c.id}/messages?limit=10`, { cookie: w.coach.cookie }))
      .body.messages;
    expect(list[0]!.body).toBe('Once only');
    expect(list.map((m) => m.createdAt)).toEqual([...list.map((m) => m.createdAt)].sort().reverse());
    await h.json(`/api/v1/coach/clients/${c.id}`, { method: 'PATCH', body: { smsConsent: 'revoked' }, cookie: w.coach.cookie });
    const refused = await h.json<SmsMessage>(`/api/v1/coach/clients/${c.id}/messages`, {
      body: { body: 'Hello?' },
      cookie: w.coach.cookie,
    });
    expect(refused.body).toMatchObject({ status: 'skipped', reason: 'consent_revoked' });
    expect((await h.json(`/api/v1/coach/clients/${c.id}/messages`, { body: { body: '' }, cookie: w.coach.cookie })).status).toBe(400);
  });

  it('a double-clicked manual message goes out once and at once, every time (the replay must not make the sender skip it)', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const c = await w.addClient('Rae Race');
    const missed: string[] = [];
    // Without waiting for the row lock a replay's ON CONFLICT took, about one pair in four was left to the next tick.
    for (let i = 0; i < 12; i++) {
      const twice = { body: { body: `Once ${i}`, idempotencyKey: `race-key-${i}` }, cookie: w.coach.cookie };
      const [x, y] = await Promise.all([
        h.json<SmsMessage>(`/api/v1/coach/clients/${c.id}/messages`, twice),
        h.json<SmsMessage>(`/api/v1/coach/clients/${c.id}/messages`, twice),
      ]);
      const sent = (await sandbox.messages(c.phone)).filter((m) => m.body === `Once ${i}`).length;
      if (sent !== 1 || x.body.id !== y.body.id) missed.push(`${i}: ${x.body.status}/${y.body.status}, sent ${sent}`);
    }
    expect(missed).toEqual([]);
  });

  it('answers 404 for another org’s client (and for a coach without an org) on every route, 401 signed out', async () => {
    const h = Harness.init();
    const a = await coachWorld(h);
    const b = await coachWorld(h);
    const c = await a.addClient('Tenant Tess');
    for (const r of [
      await h.json(`/api/v1/coach/clients/${c.id}/messages`, { cookie: b.coach.cookie }),
      await h.json(`/api/v1/coach/clients/${c.id}/messages`, { body: { body: 'hi' }, cookie: b.coach.cookie }),
    ]) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    expect(await sandbox.messages(c.phone)).toHaveLength(0);
    const outsider = await h.userWithRole('coach');
    for (const r of [
      await h.json('/api/v1/coach/sms/templates', { cookie: outsider.cookie }),
      await h.json('/api/v1/coach/sms/templates/reminder', { method: 'PUT', body: { body: 'x' }, cookie: outsider.cookie }),
      await h.json('/api/v1/coach/sms/templates/preview', { body: { kind: 'reminder', body: 'x' }, cookie: outsider.cookie }),
    ]) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    expect((await h.json('/api/v1/coach/sms/templates')).status).toBe(401);
    expect((await h.json(`/api/v1/coach/clients/${c.id}/messages`)).status).toBe(401);
  });
});
