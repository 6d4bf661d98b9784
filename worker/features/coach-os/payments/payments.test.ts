import { describe, expect, it } from 'vitest';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { coachWorld, deliver, processed, stripeEvent } from '../../stripe-inbox/stripe.testing';
import type { MoneyEvent as MoneyEventSchema, Pnl as PnlSchema } from './payments.schema';

type MoneyEvent = Body<typeof MoneyEventSchema>;
type Pnl = Body<typeof PnlSchema>;

const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** A paid invoice for the org, delivered through the real webhook and queue. */
async function paidInvoice(h: Harness, metadata: Record<string, string>, amount: number, paidAtIso: string, currency = 'usd') {
  const d = await stripeEvent('invoice.paid', {
    id: `in_test_${crypto.randomUUID().slice(0, 12)}`,
    object: 'invoice',
    amount_paid: amount,
    currency,
    status: 'paid',
    status_transitions: { paid_at: at(paidAtIso) },
    metadata,
  });
  await deliver(h, d);
  expect(await processed(h, d.eventId)).toBe('processed');
}

describe('P&L', () => {
  it('equals hand arithmetic on a mixed month, with the month cut in the org’s zone', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { timeZone: 'America/Denver' });
    const ref = { orgId: w.org.id, clientId: w.client.id };
    await paidInvoice(h, { ...ref, packageTypeId: w.type.id }, 50_000, '2026-10-05T18:00:00Z');
    // 23:30 on 31 October in Denver (MDT) is already 1 November in UTC: October's.
    await paidInvoice(h, ref, 7_000, '2026-11-01T05:30:00Z');
    // 00:30 on 1 November in Denver: November's.
    await paidInvoice(h, ref, 9_900, '2026-11-01T06:30:00Z');
    await paidInvoice(h, ref, 3_000, '2026-10-10T12:00:00Z', 'eur');
    const refund = await stripeEvent(
      'charge.refunded',
      {
        id: `ch_test_${crypto.randomUUID().slice(0, 10)}`,
        object: 'charge',
        amount: 50_000,
        amount_refunded: 1_234,
        currency: 'usd',
        payment_intent: null,
        metadata: { ...ref, packageTypeId: w.type.id },
      },
      { created: at('2026-10-12T16:00:00Z') },
    );
    await deliver(h, refund);
    expect(await processed(h, refund.eventId)).toBe('processed');
    const manual = [
      {
        kind: 'income',
        amountCents: 4_500,
        currency: 'USD',
        occurredOn: '2026-10-20',
        description: 'Cash at the track',
        packageTypeId: w.type.id,
        clientId: w.client.id,
      },
      { kind: 'expense', amountCents: 80_000, currency: 'usd', occurredOn: '2026-10-01', category: 'Rent', description: 'Studio' },
      {
        kind: 'expense',
        amountCents: 1_999,
        currency: 'usd',
        occurredOn: '2026-10-31',
        category: 'Equipment',
        description: '=HYPERLINK("http://evil.test","x")',
      },
      { kind: 'expense', amountCents: 500, currency: 'usd', occurredOn: '2026-11-01', category: 'Rent' },
    ];
    for (const body of manual) expect((await w.api('/money-events', { body })).status).toBe(201);

    const oct = (await w.api<Pnl>('/pnl?month=2026-10')).body;
    expect(oct).toMatchObject({
      month: '2026-10',
      timeZone: 'America/Denver',
      currency: 'usd',
      incomeCents: 61_500,
      refundsCents: 1_234,
      expensesCents: 81_999,
      netCents: 61_500 - 1_234 - 81_999,
    });
    expect(oct.currencies.sort()).toEqual(['eur', 'usd']);
    expect(oct.byPackageType).toEqual([
      { packageTypeId: w.type.id, name: '10 × 60', incomeCents: 54_500, refundsCents: 1_234, sales: 2 },
      { packageTypeId: null, name: 'Other income', incomeCents: 7_000, refundsCents: 0, sales: 1 },
    ]);
    expect(oct.byCategory).toEqual([
      { category: 'Rent', expensesCents: 80_000, count: 1 },
      { category: 'Equipment', expensesCents: 1_999, count: 1 },
    ]);
    expect(oct.events).toHaveLength(6);
    expect(oct.events.at(-1)).toMatchObject({ occurredOn: '2026-10-31', amountCents: 7_000, occurredAt: '2026-11-01T05:30:00.000Z' });

    const nov = (await w.api<Pnl>('/pnl?month=2026-11&currency=usd')).body;
    expect(nov).toMatchObject({ incomeCents: 9_900, refundsCents: 0, expensesCents: 500, netCents: 9_400 });
    expect((await w.api('/pnl?month=2026-10&currency=eur')).body).toMatchObject({
      currency: 'eur',
      incomeCents: 3_000,
      netCents: 3_000,
      expensesCents: 0,
    });

    const csv = await h.call('/api/v1/coach/pnl.csv?month=2026-10', { cookie: w.coach.cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('cadence-pnl-2026-10-usd.csv');
    const text = await csv.text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('date,kind,source,amount,amount_minor_units,currency,client,package,category,description,id');
    // Formula-looking text stays text; amounts are exact decimals with their sign.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(text).not.toMatch(/,=HYPERLINK/);
    expect(lines).toContain('2026-10,net,,-217.33,-21733,usd,,,,,');
    expect(lines).toContain('2026-10,total income,,615.00,61500,usd,,,,,');
    expect(lines.filter((l) => l.startsWith('2026-10-'))).toHaveLength(6);
  });

  it('an empty month is all zeros in the org’s package currency', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { currency: 'gbp' });
    const r = await w.api('/pnl?month=2024-02');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      currency: 'gbp',
      currencies: [],
      incomeCents: 0,
      refundsCents: 0,
      expensesCents: 0,
      netCents: 0,
      byPackageType: [],
      byCategory: [],
      events: [],
    });
  });
});

describe('manual money events', () => {
  it('validates integer cents, categories and months', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const bad = [
      { kind: 'income', amountCents: 12.5, currency: 'usd', occurredOn: '2026-10-01' },
      { kind: 'income', amountCents: 0, currency: 'usd', occurredOn: '2026-10-01' },
      { kind: 'income', amountCents: 100, currency: 'dollars', occurredOn: '2026-10-01' },
      { kind: 'refund', amountCents: 100, currency: 'usd', occurredOn: '2026-10-01' },
      { kind: 'income', amountCents: 100, currency: 'usd', occurredOn: '2026-13-01' },
    ];
    for (const body of bad) {
      const r = await w.api('/money-events', { body });
      expect(r.status).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
    }
    const noCategory = await w.api<ErrorBody>('/money-events', {
      body: { kind: 'expense', amountCents: 100, currency: 'usd', occurredOn: '2026-10-01' },
    });
    expect(noCategory.status).toBe(400);
    expect(noCategory.body.error.fields).toEqual([{ path: 'category', message: 'Pick a category for the expense' }]);
    for (const q of ['month=2026-1', 'month=2026-13', 'month=', '']) {
      expectErrorShape((await w.api(`/pnl?${q}`)).body, 'VALIDATION');
      const csv = await h.call(`/api/v1/coach/pnl.csv?${q}`, { cookie: w.coach.cookie });
      expect(csv.status).toBe(400);
    }
  });

  it('deletes manual entries once (audited) and never Stripe money', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const cash = (
      await w.api<MoneyEvent>('/money-events', {
        body: { kind: 'income', amountCents: 2_000, currency: 'usd', occurredOn: '2026-10-03', clientId: w.client.id },
      })
    ).body;
    expect(cash).toMatchObject({ source: 'manual', deletable: true, clientName: 'Pat Payer', occurredOn: '2026-10-03' });
    await paidInvoice(h, { orgId: w.org.id, clientId: w.client.id }, 1_500, '2026-10-04T12:00:00Z');
    const stripeRow = (await w.api<{ payments: MoneyEvent[] }>(`/clients/${w.client.id}/payments`)).body.payments.find(
      (p) => p.source === 'stripe',
    )!;
    const refused = await w.api(`/money-events/${stripeRow.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expectErrorShape(refused.body, 'CONFLICT');
    expect((await w.api(`/money-events/${cash.id}`, { method: 'DELETE' })).body).toEqual({ deleted: true, id: cash.id });
    expect((await w.api(`/money-events/${cash.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await h.auditFor('money_event', cash.id)).map((a) => a.action)).toEqual(['money_event.created', 'money_event.deleted']);
    expect((await w.api('/pnl?month=2026-10')).body).toMatchObject({
      incomeCents: 1_500,
      events: [expect.objectContaining({ source: 'stripe' })],
    });
  });
});

describe('tenancy', () => {
  it('another org’s coach gets 404 on every money route and sees none of the money', async () => {
    const h = Harness.init();
    const a = await coachWorld(h);
    const b = await coachWorld(h);
    const cash = (
      await a.api<MoneyEvent>('/money-events', { body: { kind: 'income', amountCents: 7_700, currency: 'usd', occurredOn: '2026-10-03' } })
    ).body;
    await paidInvoice(h, { orgId: a.org.id, clientId: a.client.id }, 3_300, '2026-10-04T12:00:00Z');

    const attempts = [
      b.api(`/clients/${a.client.id}/checkout-links`, { body: { packageTypeId: b.type.id } }),
      b.api(`/clients/${b.client.id}/checkout-links`, { body: { packageTypeId: a.type.id } }),
      b.api(`/clients/${a.client.id}/payments`),
      b.api(`/money-events/${cash.id}`, { method: 'DELETE' }),
      b.api('/money-events', {
        body: { kind: 'income', amountCents: 100, currency: 'usd', occurredOn: '2026-10-01', clientId: a.client.id },
      }),
      b.api('/money-events', {
        body: { kind: 'income', amountCents: 100, currency: 'usd', occurredOn: '2026-10-01', packageTypeId: a.type.id },
      }),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    expect((await b.api('/pnl?month=2026-10')).body).toMatchObject({ incomeCents: 0, events: [], currencies: [] });
    const csv = await (await h.call('/api/v1/coach/pnl.csv?month=2026-10', { cookie: b.coach.cookie })).text();
    expect(csv).not.toContain(cash.id);
    // A's money is still all there.
    expect((await a.api('/pnl?month=2026-10')).body).toMatchObject({ incomeCents: 11_000 });

    // No org at all, or not signed in.
    const athlete = await h.userWithRole('athlete');
    expect((await h.json('/api/v1/coach/pnl?month=2026-10', { cookie: athlete.cookie })).status).toBe(404);
    for (const path of ['/pnl?month=2026-10', '/pnl.csv?month=2026-10', `/clients/${a.client.id}/payments`])
      expect((await h.call(`/api/v1/coach${path}`)).status).toBe(401);
    expect((await h.call(`/api/v1/coach/clients/${a.client.id}/checkout-links`, { body: { packageTypeId: a.type.id } })).status).toBe(401);
  });

  it('checkout links refuse a cross-site request and validate the package type', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const csrf = await h.call(`/api/v1/coach/clients/${w.client.id}/checkout-links`, {
      body: { packageTypeId: w.type.id },
      cookie: w.coach.cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(csrf.status).toBe(403);
    expectErrorShape((await w.api(`/clients/${w.client.id}/checkout-links`, { body: { packageTypeId: 'nope' } })).body, 'VALIDATION');
    expectErrorShape(
      (await w.api(`/clients/${w.client.id}/checkout-links`, { body: { packageTypeId: crypto.randomUUID() } })).body,
      'NOT_FOUND',
    );
  });
});
