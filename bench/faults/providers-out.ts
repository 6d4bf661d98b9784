// Outbound providers failing (issue 43): Twilio, the email API, the push service and Stripe answer 5xx, hang or
// rate-limit for a while. Each fault makes its own coach org, clients and athletes, asks for work while the
// provider is down, clears it, waits for the retries (the per-minute cron's sends and due sweeps) and reconciles
// against the sandbox's own truth: every accepted SMS, email and push delivered exactly once, no checkout half-made.
// `outboundWebhookReplay` replays Stripe's and Twilio's webhooks duplicated and reversed against the live stack.
import type { Stack } from '../../scripts/lib/stack.ts';
import type { FaultMode } from '../../scripts/sandbox/faults.ts';
import { type Fault, type FaultContext, type FaultReport, faultVerdict } from './fault.ts';
import { coachOrg, dueDeliveries, faultedCount, report, sleep, sql, until, withFault } from './providers-out-kit.ts';

/** SMS typed by the coach while Twilio fails: each accepted once, delivered exactly once after. */
export const twilioFault =
  (mode: FaultMode, seconds = 60, n = 8): Fault =>
  async (ctx) => {
    const r = report(`twilio-${mode}-${seconds}s`, new Date(), seconds);
    const w = await coachOrg(ctx.stack, `tw-${mode}`, n);
    const before = faultedCount(ctx.stack, 'twilio');
    const answers: { status: number; ms: number; state?: string }[] = [];
    const ended = await withFault(ctx, 'twilio', mode, seconds, async () => {
      const sends = w.clients.map((c, i) =>
        w.api(`/coach/clients/${c.id}/messages`, { body: `Session moved to 6 pm (${i}).`, idempotencyKey: `fault-${c.id}` }),
      );
      for (const a of await Promise.all(sends)) answers.push({ status: a.status, ms: a.ms, state: a.body?.status });
    });
    const ids = w.clients.map((c) => c.id);
    const rows = () =>
      sql<{ state: string; attempts: number; reason: string | null; provider_sid: string | null }>(
        ctx.stack,
        `select state, attempts, reason, provider_sid from sms_messages where client_id = any($1) and direction = 'outbound'`,
        [ids],
      );
    r.recoverySeconds = await until(ctx, ended, async () => (await rows()).every((x) => x.state === 'sent' || x.state === 'failed'));
    const settled = await rows();
    const atTwilio = ctx.stack.sandbox.twilio.messages().filter((m) => m.direction === 'outbound-api');
    const perPhone = w.clients.map((c) => atTwilio.filter((m) => m.to === c.phone).length);
    r.userSaw.push(
      `${answers.filter((a) => a.status === 201).length}/${answers.length} sends answered 201 (${[...new Set(answers.map((a) => a.state))].join(', ')}), slowest ${Math.max(...answers.map((a) => a.ms))} ms; ${answers.filter((a) => a.status >= 500).length} × 5xx`,
    );
    r.retried.push(
      `${faultedCount(ctx.stack, 'twilio') - before} Twilio requests faulted; ${settled.reduce((a, x) => a + x.attempts, 0)} attempts for ${settled.length} messages (max ${Math.max(...settled.map((x) => x.attempts))}), spaced by the per-row backoff and the minute cron`,
    );
    r.reconciliation = {
      accepted: settled.length,
      done: perPhone.filter((k) => k === 1).length,
      lost: perPhone.filter((k) => k === 0).length,
      duplicated: perPhone.filter((k) => k > 1).length,
      detail: `rows ${settled.filter((x) => x.state === 'sent').length} sent, ${settled.filter((x) => x.state === 'failed').length} failed`,
    };
    if (answers.some((a) => a.status >= 500)) r.problems.push('a coach’s send answered 5xx');
    if (r.recoverySeconds === null) r.problems.push('messages still pending at the deadline');
    return r;
  };

const notificationFault =
  (channel: 'email' | 'push', mode: FaultMode, seconds: number, n: number): Fault =>
  async (ctx) => {
    const prefix = channel;
    const r = report(`${channel}-${mode}-${seconds}s`, new Date(), seconds);
    const before = faultedCount(ctx.stack, prefix);
    const seeded = await dueDeliveries(ctx.stack, channel, n, `${channel}-${mode}`);
    const ended = await withFault(ctx, prefix, mode, seconds, async () => {
      // The minute cron's due sweep, now: the first attempts meet the fault.
      await ctx.stack.fireCron('* * * * *');
    });
    const rows = () =>
      sql<{ status: string; attempts: number; last_error: string | null }>(
        ctx.stack,
        'select status, attempts, last_error from notification_deliveries where id = any($1)',
        [seeded.ids],
      );
    r.recoverySeconds = await until(ctx, ended, async () =>
      (await rows()).every((x) => x.status !== 'scheduled' && x.status !== 'sending'),
    );
    const settled = await rows();
    let perTarget: number[];
    if (channel === 'email') {
      perTarget = seeded.users.map((u) => ctx.stack.sandbox.outbox(u.email).length);
    } else {
      perTarget = [];
      for (const endpoint of seeded.subs) {
        const out = (await (
          await fetch(`${ctx.stack.sandboxUrl}/push/outbox.json?subscription=${encodeURIComponent(endpoint)}`)
        ).json()) as {
          messages: { replaced?: string[] }[];
        };
        // A copy replaced by a newer one of its Topic was still accepted: count it.
        perTarget.push(out.messages.reduce((a, m) => a + 1 + (m.replaced?.length ?? 0), 0));
      }
    }
    r.userSaw.push(
      `nothing synchronous: ${n} ${channel} notifications waited in the outbox; ${settled.filter((x) => x.status === 'sent').length} sent after the fault`,
    );
    r.retried.push(
      `${faultedCount(ctx.stack, prefix) - before} ${channel} requests faulted; ${settled.reduce((a, x) => a + x.attempts, 0)} attempts for ${settled.length} rows (max ${Math.max(...settled.map((x) => x.attempts))}), backoff with per-row jitter`,
    );
    r.reconciliation = {
      accepted: settled.length,
      done: perTarget.filter((k) => k === 1).length,
      lost: perTarget.filter((k) => k === 0).length,
      duplicated: perTarget.filter((k) => k > 1).length,
      detail: `rows ${settled.map((x) => x.status).join(',')}`,
    };
    if (r.recoverySeconds === null) r.problems.push(`${channel} rows still pending at the deadline`);
    return r;
  };

export const emailFault = (mode: FaultMode, seconds = 60, n = 8): Fault => notificationFault('email', mode, seconds, n);
export const pushFault = (mode: FaultMode, seconds = 60, n = 8): Fault => notificationFault('push', mode, seconds, n);

/** Checkout links asked for while Stripe fails: a clear 503 with Retry-After, nothing half-made; one after works. */
export const stripeFault =
  (mode: FaultMode, seconds = 60, n = 3): Fault =>
  async (ctx) => {
    const r = report(`stripe-${mode}-${seconds}s`, new Date(), seconds);
    const w = await coachOrg(ctx.stack, `st-${mode}`, n);
    const before = faultedCount(ctx.stack, 'stripe');
    const sessionsBefore = ctx.stack.sandbox.stripe.state().sessions.length;
    const answers: { status: number; ms: number; retryAfter: string | null; code?: string }[] = [];
    const ended = await withFault(ctx, 'stripe', mode, seconds, async () => {
      const asks = w.clients.map((c) => w.api(`/coach/clients/${c.id}/checkout-links`, { packageTypeId: w.typeId }));
      for (const a of await Promise.all(asks))
        answers.push({ status: a.status, ms: a.ms, retryAfter: a.retryAfter, code: a.body?.error?.code });
    });
    const audited = async () =>
      (
        await sql<{ n: number }>(
          ctx.stack,
          `select count(*)::int as n from audit_log where action = 'checkout_link.created' and target_id = any($1)`,
          [w.clients.map((c) => c.id)],
        )
      )[0]!.n;
    const duringAudit = await audited().catch(() => -1);
    let after = { status: 0, ms: 0 };
    r.recoverySeconds = await until(
      ctx,
      ended,
      async () => {
        const a = await w.api(`/coach/clients/${w.clients[0]!.id}/checkout-links`, { packageTypeId: w.typeId });
        after = { status: a.status, ms: a.ms };
        return a.status === 201;
      },
      120_000,
    );
    const made = ctx.stack.sandbox.stripe.state().sessions.length - sessionsBefore;
    const ok = answers.filter((a) => a.status === 201).length;
    r.userSaw.push(
      `answers ${answers.map((a) => a.status).join(', ')}: ${answers.filter((a) => a.status === 503).length}/${answers.length} checkout links answered 503 with Retry-After ${[...new Set(answers.map((a) => a.retryAfter))].join('/')}, ${ok} × 201; slowest ${Math.max(...answers.map((a) => a.ms))} ms; after the fault ${after.status} in ${after.ms} ms`,
    );
    r.retried.push(
      `${faultedCount(ctx.stack, 'stripe') - before} Stripe requests faulted (the SDK's 2 retries with one idempotency key per link); the coach asks again`,
    );
    r.reconciliation = {
      accepted: ok + 1,
      done: made,
      lost: Math.max(0, ok + 1 - made),
      duplicated: Math.max(0, made - (ok + 1)),
      detail: `${duringAudit} links recorded during the fault (one per 201)`,
    };
    if (answers.some((a) => a.status !== 201 && (a.status !== 503 || !a.retryAfter)))
      r.problems.push('a checkout answered other than 201 or 503 with Retry-After');
    if (answers.some((a) => a.ms > 45_000)) r.problems.push('a checkout hung over 45 s');
    return r;
  };

/** Stripe's and Twilio's webhooks against the live stack, duplicated, concurrent and reversed: state as once. */
export const outboundWebhookReplay: Fault = async (ctx) => {
  const r = report('outbound-webhooks-replay', new Date(), 0);
  const w = await coachOrg(ctx.stack, 'replay', 2);
  // Stripe: a package bought, its three events reversed, each delivered three times at once.
  const link = await w.api(`/coach/clients/${w.clients[0]!.id}/checkout-links`, { packageTypeId: w.typeId });
  const control = async (path: string, body: unknown) =>
    (await (
      await fetch(`${ctx.stack.sandboxUrl}/stripe/_control/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as { deliveries: { eventId: string; payload: string; signature: string }[] };
  const paid = await control(`checkout/${link.body.checkoutSessionId}/pay`, { deliver: false });
  const post = (d: { payload: string; signature: string }) =>
    fetch(`${ctx.stack.appUrl}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': d.signature },
      body: d.payload,
    }).then((res) => res.status);
  const statuses = await Promise.all([...paid.deliveries].reverse().flatMap((d) => [post(d), post(d), post(d)]));
  // Twilio: one inbound reply, five times at once.
  const y = (await (
    await fetch(`${ctx.stack.sandboxUrl}/twilio/_control/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        from: w.clients[1]!.phone,
        body: 'Thanks, see you then',
        deliver: false,
        url: `${ctx.stack.appUrl}/webhooks/twilio/sms`,
      }),
    })
  ).json()) as { params: Record<string, string>; signature: string };
  const twilioStatuses = await Promise.all(
    Array.from({ length: 5 }, () =>
      fetch(`${ctx.stack.appUrl}/webhooks/twilio/sms`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': y.signature },
        body: new URLSearchParams(y.params).toString(),
      }).then((res) => res.status),
    ),
  );
  const counts = async () =>
    (
      await sql<{ packages: number; income: number; cents: number; inbound: number }>(
        ctx.stack,
        `select (select count(*)::int from client_packages where source = $1) as packages,
                (select count(*)::int from money_events where org_id = $2 and kind = 'income') as income,
                (select coalesce(sum(amount_cents), 0)::int from money_events where org_id = $2 and kind = 'income') as cents,
                (select count(*)::int from sms_messages where provider_sid = $3) as inbound`,
        [link.body.checkoutSessionId, w.orgId, y.params.MessageSid],
      )
    )[0]!;
  r.recoverySeconds = await until(ctx, Date.now(), async () => (await counts()).packages >= 1, 60_000);
  await sleep(3_000, ctx.signal);
  const c = await counts();
  r.userSaw.push(
    `Stripe: ${statuses.length} deliveries answered ${[...new Set(statuses)].join('/')}; Twilio: ${twilioStatuses.length} answered ${[...new Set(twilioStatuses)].join('/')}`,
  );
  r.retried.push('nothing retried: duplicates are recognised by event id and MessageSid');
  const expected = [1, 1, 25_000, 1];
  const got = [c.packages, c.income, c.cents, c.inbound];
  r.reconciliation = {
    accepted: 3,
    done: [c.packages === 1, c.income === 1 && c.cents === 25_000, c.inbound === 1].filter(Boolean).length,
    lost: [c.packages === 0, c.income === 0, c.inbound === 0].filter(Boolean).length,
    duplicated: [c.packages > 1, c.income > 1, c.inbound > 1].filter(Boolean).length,
    detail: `packages ${c.packages}, income rows ${c.income} (${c.cents} cents), inbound rows ${c.inbound}`,
  };
  if (got.some((g, i) => g !== expected[i]))
    r.problems.push(`expected packages/income/cents/inbound ${expected.join('/')}, got ${got.join('/')}`);
  if ([...statuses, ...twilioStatuses].some((s) => s >= 500)) r.problems.push('a webhook delivery answered 5xx');
  return r;
};

/** The standalone run: each provider × each mode, short faults, the four providers side by side. */
export async function providersOutBench(stack: Stack, log: (l: string) => void, signal: AbortSignal, seconds = 20): Promise<FaultReport[]> {
  const ctx: FaultContext = { stack, log, signal };
  const reports: FaultReport[] = [];
  for (const mode of ['error', 'timeout', 'ratelimit'] as const) {
    if (signal.aborted) break;
    log(`== ${mode}: twilio, email, push and stripe faulted ${seconds} s at once`);
    reports.push(
      ...(await Promise.all([
        twilioFault(mode, seconds)(ctx),
        emailFault(mode, seconds)(ctx),
        pushFault(mode, seconds)(ctx),
        stripeFault(mode, seconds)(ctx),
      ])),
    );
  }
  if (!signal.aborted) reports.push(await outboundWebhookReplay(ctx));
  return reports;
}

/** `npm run bench -- fault-providers-out`: the reports, each one's verdict, and one key=value line. */
export async function faultProvidersOutBench(stack: Stack): Promise<string> {
  const seconds = Number(process.env.FAULT_SECONDS ?? 20);
  const reports = await providersOutBench(stack, (l) => console.log(l), new AbortController().signal, seconds);
  for (const r of reports) {
    console.log(faultVerdict(r));
    for (const line of [
      ...r.userSaw.map((s) => `  saw: ${s}`),
      ...r.retried.map((s) => `  retried: ${s}`),
      `  reconciliation: ${JSON.stringify(r.reconciliation)}`,
      ...r.problems.map((p) => `  PROBLEM: ${p}`),
    ])
      console.log(line);
  }
  const failed = reports.filter((r) => r.problems.length || r.reconciliation.lost || r.reconciliation.duplicated).length;
  const recoveries = reports.map((r) => r.recoverySeconds).filter((s): s is number => s !== null);
  return `bench=fault-providers-out faults=${reports.length} failed=${failed} lost=${reports.reduce((a, r) => a + r.reconciliation.lost, 0)} duplicated=${reports.reduce((a, r) => a + r.reconciliation.duplicated, 0)} recovery_s_max=${recoveries.length ? Math.max(...recoveries) : 'never'}`;
}
