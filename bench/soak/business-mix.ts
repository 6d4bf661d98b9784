// A coach's business day during the soak: deductions through the client ledger (a repeat of an earlier
// idempotency key now and then, as a double-click or a retried request does), bookings made and cancelled,
// SMS sent and the clients' replies through the Twilio sandbox, comments on shared activities (each one a
// notification and a push to the athlete), and the console pages.
import type { Stack } from '../../scripts/lib/stack.ts';
import { type Cast, jsonHeaders } from './actors.ts';
import type { Recorder } from './recorder.ts';
import type { Tally } from './tally.ts';

const PAGES = ['/coach', '/coach/clients', '/coach/calendar', '/coach/money', '/coach/automations'];
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

export function coachActions(stack: Stack, rec: Recorder, tally: Tally, cast: Cast) {
  const base = stack.workerUrl;
  const coach = cast.coach;
  const headers = () => jsonHeaders(stack, coach.coach.cookie);
  let slot = 0;
  let seq = 0;

  async function deduct() {
    const clientId = pick(coach.clientIds);
    const repeat = tally.deductions.size > 0 && Math.random() < 0.15;
    const key = repeat ? pick([...tally.deductions.keys()]) : `soak-${Date.now()}-${seq++}`;
    const target = repeat ? tally.deductions.get(key)! : clientId;
    const res = await rec.call('ledger', `${base}/api/v1/coach/clients/${target}/sessions/use`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ idempotencyKey: key }),
      // 409: none left. Each client holds 200 sessions: the soak never gets there.
      okStatuses: [409],
    });
    if (repeat) tally.deductionRepeats++;
    else if (res.status === 200 || res.status === 201) tally.deductions.set(key, target);
  }

  async function bookAndCancel() {
    // Slots 90 minutes apart from two days out: never overlapping each other or the coach's own.
    const startsAt = new Date(Date.now() + 2 * 86_400_000 + slot++ * 90 * 60_000);
    startsAt.setUTCMinutes(0, 0, 0);
    const res = await rec.call('api-write', `${base}/api/v1/coach/bookings`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ clientId: pick(coach.clientIds), startsAt: startsAt.toISOString(), durationMinutes: 45 }),
      okStatuses: [409],
    });
    if (res.status !== 201) return;
    const booking = JSON.parse(res.text) as { id?: string; booking?: { id: string } };
    const id = booking.id ?? booking.booking?.id;
    if (id)
      await rec.call('api-write', `${base}/api/v1/coach/bookings/${id}/cancel`, { method: 'POST', headers: headers(), okStatuses: [409] });
  }

  async function sms() {
    const clientId = pick(coach.clientIds);
    const token = `S${Date.now().toString(36)}${seq++}`;
    const res = await rec.call('api-write', `${base}/api/v1/coach/clients/${clientId}/messages`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ body: `Soak check-in ${token}`, idempotencyKey: `soak-sms-${token}` }),
    });
    if (res.status === 201 || res.status === 202 || res.status === 200) tally.sms.push({ clientId, token });
  }

  async function reply() {
    const clientId = pick(coach.clientIds);
    const phone = coach.phones.get(clientId);
    if (!phone) return;
    const token = `R${Date.now().toString(36)}${seq++}`;
    const started = Date.now();
    const sent = await stack.sandbox.twilio.inbound({ from: phone, body: `Thanks ${token}` }).catch(() => null);
    const status = sent?.delivered?.status ?? 0;
    rec.note('webhook', started, status, status === 200 || status === 204, '/webhooks/twilio/sms');
    if (status === 200 || status === 204) tally.replies.push({ clientId, token });
  }

  async function comment() {
    const link = cast.links.length ? pick(cast.links) : null;
    if (!link) return;
    const list = await rec.call('api-read', `${base}/api/v1/activities?limit=1`, { headers: { cookie: link.athlete.cookie } });
    const activity = list.status === 200 ? (JSON.parse(list.text) as { activities: { id: string }[] }).activities[0] : undefined;
    if (!activity) return;
    const res = await rec.call('api-write', `${base}/api/v1/coach/clients/${link.clientId}/activities/${activity.id}/comments`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ body: 'Nice steady effort; keep the easy days easy.' }),
    });
    if (res.status === 201) tally.comments.push({ athleteId: link.athlete.userId });
  }

  const page = () => rec.call('page', `${base}${pick(PAGES)}`, { headers: { cookie: coach.coach.cookie } });
  const read = () => rec.call('api-read', `${base}/api/v1/coach/clients`, { headers: { cookie: coach.coach.cookie } });

  const weighted: [number, () => Promise<unknown>][] = [
    [10, deduct],
    [3, bookAndCancel],
    [3, sms],
    [2, reply],
    [2, comment],
    [6, page],
    [4, read],
  ];
  const total = weighted.reduce((s, [w]) => s + w, 0);
  return {
    async step() {
      let r = Math.random() * total;
      for (const [w, fn] of weighted) {
        r -= w;
        if (r < 0) return fn();
      }
    },
    deduct,
  };
}

/** One automation that runs every five minutes for every active client (a task each): the cron's work. */
export async function addAutomation(stack: Stack, cast: Cast): Promise<void> {
  const res = await fetch(`${stack.workerUrl}/api/v1/coach/automations`, {
    method: 'POST',
    headers: jsonHeaders(stack, cast.coach.coach.cookie),
    body: JSON.stringify({
      name: 'Soak check-in',
      enabled: true,
      trigger: { kind: 'cron', expression: '*/5 * * * *' },
      action: { kind: 'task', title: 'Soak check-in', message: '' },
      audience: { kind: 'active_clients' },
    }),
  });
  if (res.status !== 201) throw new Error(`soak: the automation answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}
