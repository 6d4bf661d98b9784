// Test support for the coach tenancy matrix: an org with one of everything that has an id, made through the
// public API, and the way its coach calls it. What the cases check with is in tenancy-checks.testing.ts.
import type { Body } from '../../testing/bodies';
import { eventually } from '../../testing/eventually';
import type { Harness } from '../../testing/harness';
import { addDays, todayIn } from '../../lib/dates';
import { automationsAt } from './automations/automations-testing';
import { athleteWithHistory, coachOrg, uniquePhone, type LedgerResult, type SmsMessage } from '../../testing/scenarios';
import type { SmsTemplate } from './sms/sms-testing';
import type { AthleteLink as AthleteLinkSchema } from './athlete-link/athlete-link.schema';
import type { Automation as AutomationSchema, Task as TaskSchema } from './automations/automations.schema';
import type { MoneyEvent as MoneyEventSchema } from './payments/payments.schema';
import type { Invite as InviteSchema } from './team/team.schema';

export type Automation = Body<typeof AutomationSchema>;
export type Task = Body<typeof TaskSchema>;
export type MoneyEvent = Body<typeof MoneyEventSchema>;
export type AthleteLink = Body<typeof AthleteLinkSchema>;
export type Invited = { invite: Body<typeof InviteSchema>; created: boolean };

/**
 * A coach API answer, parsed JSON (or the text, for pnl.csv). The matrix calls every route through one `Api`,
 * so a body is `unknown` unless the call names its route's type (the 404 checks read any route's error alike).
 */
export interface Reply<T = unknown> {
  status: number;
  body: T;
  text: string;
}
export type Api = <T = unknown>(
  path: string,
  init?: { method?: string; body?: unknown; headers?: Record<string, string> },
) => Promise<Reply<T>>;

export const MONTH = '2026-10';
export const HOUR = 3_600_000;

/** One org with one of everything that has an id, made through the public API (the task by firing the automation as the cron does). */
export async function orgWorld(h: Harness, tag: string, timeZone: string) {
  // Every name A owns carries this marker, so any B response that contains it is a leak.
  const marker = `${tag}-${crypto.randomUUID().slice(0, 8)}`;
  // No quiet hours: the confirmation goes out now whatever the real time of day.
  const w = await coachOrg(h, { name: `${marker} Coaching`, timeZone, quietHours: null });
  const { coach, org } = w;
  const api: Api = async <T>(path: string, init = {}) => {
    const res = await h.call(`/api/v1/coach${path}`, { ...init, cookie: coach.cookie });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // pnl.csv answers text
    }
    // Whatever the route answered, read as the type the caller names (unknown unless it names one).
    return { status: res.status, body: body as T, text };
  };
  const made = async <T>(path: string, body: unknown, status = 201, method = 'POST') => {
    const r = await api<T>(path, { method, body });
    if (r.status !== status) throw new Error(`${tag} setup ${method} ${path}: ${r.status} ${r.text}`);
    return r.body;
  };
  const phone = uniquePhone();
  const {
    client,
    type,
    packages: [pkg],
  } = await w.clientWithPackage(
    `${marker} Client`,
    { name: `${marker} Pack`, sessions: 10, priceCents: 90_000, validityDays: 365 },
    { client: { phone, smsConsent: 'granted' } },
  );
  const use = await made<LedgerResult>(`/clients/${client.id}/sessions/use`, { idempotencyKey: `use-${marker}` }, 200);
  const template = await made<SmsTemplate>(
    '/sms/templates/confirmation',
    { body: `${marker}: see you {{session_date}} at {{session_time}}. Reply Y to confirm.` },
    200,
    'PUT',
  );
  const startsAt = new Date(Math.ceil(Date.now() / HOUR) * HOUR + 7 * 24 * HOUR);
  const booking = await w.book(client.id, startsAt);
  const money = await made<MoneyEvent>('/money-events', {
    kind: 'income',
    amountCents: 7_700,
    currency: 'usd',
    occurredOn: `${MONTH}-03`,
    description: `${marker} cash`,
    clientId: client.id,
    packageTypeId: type.id,
  });
  const automation = await made<Automation>('/automations', {
    name: `${marker} check-in`,
    trigger: { kind: 'daily', time: '07:00' },
    action: { kind: 'task', title: `${marker} task`, message: '' },
    audience: { kind: 'active_clients' },
  });
  // Fire the automation at its own next slot: that is how tasks (and runs) come to exist. The other org's
  // world ticks too, and a tick fires every due automation: whichever tick took this one, wait for its task.
  const due = new Date(automation.nextRunAt!);
  await automationsAt(h, due).automations.firing.runDue(due);
  const tasks = await eventually(
    () => api<{ tasks: Task[] }>('/tasks'),
    (r) => r.body.tasks.some((t) => t.title === `${marker} task`),
  );
  const task = tasks.body.tasks.find((t) => t.title === `${marker} task`);
  if (!task) throw new Error(`${tag} setup: no task from the automation`);
  const thread = await eventually(
    () => api<{ messages: SmsMessage[] }>(`/clients/${client.id}/messages`),
    (r) => r.body.messages?.some((m) => m.kind === 'confirmation' && m.status !== 'scheduled'),
  );
  const message = thread.body.messages.find((m) => m.kind === 'confirmation');
  const invite = (await made<Invited>('/team/invites', { email: `${marker}-invitee@example.test` })).invite;
  if (message?.status !== 'sent') throw new Error(`${tag} setup: confirmation not sent: ${thread.text}`);
  // The client shares their training: an athlete account asked for and agreed.
  // One uploaded run with streams: the activity page's analysis the coach may see.
  const seconds = Array.from({ length: 600 }, (_, i) => i);
  const athlete = await athleteWithHistory(h, {
    displayName: `${marker} Athlete`,
    history: [
      {
        daysAgo: 3,
        source: 'fit_upload',
        detailComplete: true,
        streams: { t: seconds, hr: seconds.map((i) => 130 + (i % 20)), speedCms: seconds.map(() => 300) },
      },
    ],
  });
  const link = await w.linkAthlete(client.id, athlete);
  // Their active plan, which the link shows the coach and the athlete's grant lets the coach change.
  const clientPlan = await clientPlanOf(h, athlete, link.id);
  const planChange = await made<{ id: string }>(`/clients/${client.id}/plan/workouts/${clientPlan.workouts[0]!.id}/skip`, {}, 200);
  // Two illnesses the athlete noted ahead (beyond the days the other cases change): their changes wait for the coach.
  const adaptations = await awaitingCoach(h, athlete, clientPlan);
  // A second client whose link B's control requests can ask for and cancel.
  const spareClient = await w.addClient(`${marker} Spare`);
  // A team API key (ADR 105): its id must never reach the other org.
  const apiKey = (await made<{ key: { id: string } }>('/api-keys', { name: `${marker} key`, scopes: ['coach:read'] })).key;

  // Fresh objects for B's control requests, so a mutation in one case never breaks another.
  let slot = 0;
  const fresh = {
    booking: () => w.book(client.id, new Date(startsAt.getTime() + ++slot * 2 * HOUR)),
    automation: () =>
      made<Automation>('/automations', {
        name: `${marker} spare`,
        trigger: { kind: 'daily', time: '08:00' },
        action: { kind: 'task', title: 'Spare', message: '' },
        audience: { kind: 'coach' },
      }),
    money: () =>
      made<MoneyEvent>('/money-events', {
        kind: 'expense',
        amountCents: 500,
        currency: 'usd',
        occurredOn: `${MONTH}-04`,
        category: 'rent',
      }),
  };
  if (!pkg) throw new Error(`${tag} setup: no package`);
  const ids = {
    org: org.id,
    coach: coach.id,
    client: client.id,
    type: type.id,
    pkg: pkg.id,
    ledger: use.ledgerId,
    booking: booking.id,
    automation: automation.id,
    task: task.id,
    money: money.id,
    message: message.id,
    invite: invite.id,
    link: link.id,
    athlete: athlete.user.id,
    activity: athlete.activityIds[0]!,
    plan: clientPlan.plan.id,
    workout: clientPlan.workouts[0]!.id,
    planChange: planChange.id,
    spareClient: spareClient.id,
    apiKey: apiKey.id,
  };
  return {
    tag,
    marker,
    timeZone,
    coach,
    api,
    org,
    invite,
    link,
    athlete,
    clientPlan,
    planChange,
    adaptations,
    spareClient,
    apiKey,
    client: { ...client, phone },
    type,
    pkg,
    use,
    template,
    booking,
    startsAt,
    money,
    automation,
    task,
    message,
    ids,
    fresh,
  };
}
export type World = Awaited<ReturnType<typeof orgWorld>>;

/** The athlete makes a plan from today and lets their coach change it; its first two weeks' workouts. */
async function clientPlanOf(h: Harness, athlete: { cookie: string }, linkId: string) {
  const today = todayIn('UTC', new Date());
  const plan = await h.json<{ id: string }>('/api/v1/plans', {
    body: {
      goal: { kind: 'run_10k', eventDate: addDays(today, 60), eventName: 'Tenancy 10K' },
      startDate: today,
      availableDays: [0, 1, 2, 3, 4, 5, 6],
      longDay: 6,
      hoursPerWeek: 5,
    },
    cookie: athlete.cookie,
  });
  if (plan.status !== 201) throw new Error(`setup plan: ${plan.status} ${JSON.stringify(plan.body)}`);
  const granted = await h.json(`/api/v1/me/coach-links/${linkId}/plan-edit`, { method: 'PUT', cookie: athlete.cookie });
  if (granted.status !== 200) throw new Error(`setup plan-edit: ${granted.status}`);
  const cal = await h.json<{ workouts: { id: string; date: string; sport: string }[] }>(
    `/api/v1/plans/${plan.body.id}/calendar?from=${today}&to=${addDays(today, 13)}`,
    { cookie: athlete.cookie },
  );
  const workouts = cal.body.workouts.filter((x) => x.sport !== 'rest');
  if (workouts.length < 6) throw new Error(`setup plan: only ${workouts.length} workouts`);
  return { plan: plan.body, today, workouts };
}

/** Two changes of the athlete's plan awaiting their coach: illnesses noted 8–9 and 11–12 days ahead. */
async function awaitingCoach(h: Harness, athlete: { cookie: string }, cp: { plan: { id: string }; today: string }) {
  const ids: string[] = [];
  for (const [from, to] of [
    [8, 9],
    [11, 12],
  ] as const) {
    const r = await h.json<{ proposals: { id: string; status: string }[] }>(`/api/v1/plans/${cp.plan.id}/health-notes`, {
      body: { kind: 'illness', from: addDays(cp.today, from), to: addDays(cp.today, to) },
      cookie: athlete.cookie,
    });
    const waiting = r.body.proposals?.find((p) => p.status === 'awaiting_coach');
    if (r.status !== 201 || !waiting) throw new Error(`setup adaptations: ${r.status} ${JSON.stringify(r.body)}`);
    ids.push(waiting.id);
  }
  return ids as [string, string];
}
