// When each fault is injected during the soak. Faults come in slots: a slot starts at its minute, its faults at once
// (each on a provider of its own, with athletes of its own); provider faults may still be checking when the next slot
// starts. The database and the worker restart take a slot alone and wait for every fault before them: everything
// fails with them, so nothing else is judged meanwhile. Every provider fails once in one of the three ways (the standalone `fault-*` benches run each
// provider in all three); both webhook replays run while the load goes on. Slot minutes are for a 30-minute run
// and shrink with a shorter one.
import { databaseFault } from '../faults/database.ts';
import type { Fault } from '../faults/fault.ts';
import { garminFault, modelFault, polarFault, stravaFault } from '../faults/providers-in.ts';
import { emailFault, outboundWebhookReplay, pushFault, stripeFault, twilioFault } from '../faults/providers-out.ts';
import { restartMidJobs } from '../faults/restart.ts';
import { inboundWebhookReplay } from '../faults/webhooks-in.ts';

export interface ScheduledFault {
  name: string;
  /** What users may see while it is on, by design: a 503 with Retry-After (the database), no server (a restart). */
  expect: '503' | 'outage' | null;
  /**
   * Routes that wait on the faulted provider while a person waits (a click that calls Stripe): their 503 with
   * Retry-After is the fault's promised answer, not an error. Every other route must answer as usual.
   */
  answers503?: RegExp;
  run: Fault;
}

export interface Slot {
  atMinute: number;
  faults: ScheduledFault[];
}

const f = (name: string, run: Fault, expect: ScheduledFault['expect'] = null, answers503?: RegExp): ScheduledFault => ({
  name,
  run,
  expect,
  ...(answers503 ? { answers503 } : {}),
});

/** Stripe's synchronous calls: an athlete's checkout or billing portal, a coach's checkout link for a client. */
const STRIPE_CLICKS = /^\/api\/v1\/(membership\/(checkout|portal)|coach\/clients\/[^/]+\/checkout-links)$/;

const SLOTS: Slot[] = [
  { atMinute: 3, faults: [f('strava-error', stravaFault('error')), f('twilio-error', twilioFault('error'))] },
  {
    atMinute: 7,
    faults: [
      f('garmin-timeout', garminFault('timeout')),
      f('email-ratelimit', emailFault('ratelimit')),
      f('stripe-timeout', stripeFault('timeout'), null, STRIPE_CLICKS),
    ],
  },
  { atMinute: 11, faults: [f('database-20s', databaseFault, '503')] },
  {
    atMinute: 13,
    faults: [f('polar-ratelimit', polarFault('ratelimit')), f('push-timeout', pushFault('timeout')), f('model-error', modelFault('error'))],
  },
  { atMinute: 17, faults: [f('webhooks-in-replay', inboundWebhookReplay), f('webhooks-out-replay', outboundWebhookReplay)] },
  { atMinute: 20, faults: [f('restart-mid-jobs', restartMidJobs, 'outage')] },
];

export function faultSchedule(minutes: number): Slot[] {
  const wanted = process.env.SOAK_FAULTS ?? 'all';
  if (wanted === 'none') return [];
  const pick = (x: ScheduledFault) => wanted === 'all' || wanted.split(',').some((w) => x.name.startsWith(w.trim()));
  const scale = Math.min(1, minutes / 30);
  return SLOTS.map((s) => ({ atMinute: s.atMinute * scale, faults: s.faults.filter(pick) })).filter((s) => s.faults.length > 0);
}
