// Test helpers for the SMS feature (imported by *.test.ts only): a coach with an org, clients with
// their own phone numbers, the Twilio sandbox's control API, and SMS services on a fixed clock.
import { env } from 'cloudflare:test';
import { parseEnv } from '../../../env';
import { createLogger } from '../../../lib/logger';
import { createProviders } from '../../../providers';
import { createAuditService } from '../../audit';
import type { Harness } from '../../../testing/harness';
import { createCoachEvents } from '../coach-events';
import { createSmsService } from './sms.service';

export type Json = Record<string, any>;

const sandboxBase = () => parseEnv(env).TWILIO_API_URL.replace(/\/?$/, '/');

/** A number no other test uses (+1 555 01xx xxxx is reserved for fiction; uniqueness is what matters). */
export const uniquePhone = () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

export const sandbox = {
  async messages(to: string): Promise<Json[]> {
    const res = await fetch(`${sandboxBase()}_control/messages?to=${encodeURIComponent(to)}`);
    return ((await res.json()) as { messages: Json[] }).messages.filter((m) => m.direction === 'outbound-api');
  },
  async failNext(rule: { count: number; status: number; code: number; message: string; to: string }) {
    await fetch(`${sandboxBase()}_control/fail-next`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
  },
  /** What Twilio would POST for a reply from `from`, signed for the app's public webhook URL. */
  async inbound(from: string, body: string): Promise<{ url: string; params: Record<string, string>; signature: string }> {
    const url = `${parseEnv(env).APP_ORIGIN}/webhooks/twilio/sms`;
    const res = await fetch(`${sandboxBase()}_control/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from, body, deliver: false, url }) });
    return (await res.json()) as { url: string; params: Record<string, string>; signature: string };
  },
};

/** Posts a (simulated) Twilio webhook to the worker, as Twilio would. */
export function postWebhook(h: Harness, params: Record<string, string>, signature: string) {
  return h.call('/webhooks/twilio/sms', { method: 'POST', body: new URLSearchParams(params).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, origin: 'https://api.twilio.com' } });
}

/** An SMS service as the cron builds it, on a clock fixed at `now` (movable), with the real Twilio sender. */
export function smsAt(h: Harness, now: Date) {
  const clock = { at: now, now: () => clock.at };
  const logger = createLogger('info');
  const events = createCoachEvents(logger);
  const e = parseEnv(env);
  const sms = createSmsService({ db: h.db, clock, sender: createProviders(e).sms, logger, events, audit: createAuditService(h.db, null) });
  return { sms, clock, set: (d: Date) => (clock.at = d) };
}

export async function coachWorld(h: Harness, org: { timeZone?: string; quietHours?: { start: string; end: string } | null; reminderOffsetsMinutes?: number[] } = {}) {
  const coach = await h.userWithRole('coach');
  const created = await h.json<Json>('/api/v1/coach/org', { body: { name: 'Summit Coaching', timeZone: org.timeZone ?? 'America/Denver' }, cookie: coach.cookie });
  const patch: Json = {};
  if (org.quietHours !== undefined) patch.quietHours = org.quietHours;
  if (org.reminderOffsetsMinutes) patch.reminderOffsetsMinutes = org.reminderOffsetsMinutes;
  if (Object.keys(patch).length) await h.json('/api/v1/coach/org', { method: 'PATCH', body: patch, cookie: coach.cookie });
  const addClient = async (name: string, extra: Json = {}) => {
    const phone = extra.phone === undefined ? uniquePhone() : extra.phone;
    const c = (await h.json<Json>('/api/v1/coach/clients', { body: { name, phone, ...extra }, cookie: coach.cookie })).body;
    return { ...c, phone } as Json;
  };
  const book = async (clientId: string, startsAt: Date, durationMinutes = 60, location?: string) => {
    const r = await h.json<Json>('/api/v1/coach/bookings', { body: { clientId, startsAt: startsAt.toISOString(), durationMinutes, ...(location ? { location } : {}) }, cookie: coach.cookie });
    if (r.status !== 201) throw new Error(`booking failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const messages = async (clientId: string) => (await h.json<{ messages: Json[] }>(`/api/v1/coach/clients/${clientId}/messages`, { cookie: coach.cookie })).body.messages;
  return { coach, orgId: created.body.id as string, addClient, book, messages };
}

// Shared with every feature's tests; re-exported so existing imports keep working.
export { eventually } from '../../../testing/eventually';
