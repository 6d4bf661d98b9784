// Test helpers for the SMS feature (imported by *.test.ts only): a coach world on the scenario kit
// (clients with their own phone numbers), the Twilio sandbox's control API, and SMS services on a fixed clock.
import type { z } from '@hono/zod-openapi';
import { env } from 'cloudflare:test';
import { parseEnv } from '../../../env';
import { createLogger } from '../../../lib/logger';
import { createProviders } from '../../../providers';
import { createAuditService } from '../../audit';
import type { Harness } from '../../../testing/harness';
import { coachOrg, membershipOf, uniquePhone, type ClientFields } from '../../../testing/scenarios';
import { createCoachEvents } from '../coach-events';
import type { SmsPreview as SmsPreviewSchema, SmsTemplate as SmsTemplateSchema, SmsTemplates as SmsTemplatesSchema } from './sms.schema';
import { createSmsService } from './sms.service';

export type Json = Record<string, any>;
/** The SMS routes' answers, typed from their schemas. */
export type SmsTemplate = z.infer<typeof SmsTemplateSchema>;
export type SmsTemplates = z.infer<typeof SmsTemplatesSchema>;
export type SmsPreview = z.infer<typeof SmsPreviewSchema>;

const sandboxBase = () => parseEnv(env).TWILIO_API_URL.replace(/\/?$/, '/');

export { uniquePhone };

export const sandbox = {
  async messages(to: string): Promise<Json[]> {
    const res = await fetch(`${sandboxBase()}_control/messages?to=${encodeURIComponent(to)}`);
    return ((await res.json()) as { messages: Json[] }).messages.filter((m) => m.direction === 'outbound-api');
  },
  async failNext(rule: { count: number; status: number; code: number; message: string; to: string }) {
    await fetch(`${sandboxBase()}_control/fail-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
  },
  /** What Twilio would POST for a reply from `from`, signed for the app's public webhook URL. */
  async inbound(from: string, body: string): Promise<{ url: string; params: Record<string, string>; signature: string }> {
    const url = `${parseEnv(env).APP_ORIGIN}/webhooks/twilio/sms`;
    const res = await fetch(`${sandboxBase()}_control/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from, body, deliver: false, url }),
    });
    return (await res.json()) as { url: string; params: Record<string, string>; signature: string };
  },
};

/** Posts a (simulated) Twilio webhook to the worker, as Twilio would. */
export function postWebhook(h: Harness, params: Record<string, string>, signature: string) {
  return h.call('/webhooks/twilio/sms', {
    method: 'POST',
    body: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, origin: 'https://api.twilio.com' },
  });
}

/** An SMS service as the cron builds it, on a clock fixed at `now` (movable), with the real Twilio sender. */
export function smsAt(h: Harness, now: Date) {
  const clock = { at: now, now: () => clock.at };
  const logger = createLogger('info');
  const events = createCoachEvents(logger);
  const e = parseEnv(env);
  const audit = createAuditService(h.db, null);
  const sms = createSmsService({ db: h.db, clock, sender: createProviders(e).sms, logger, events, audit, orgPlan: membershipOf(h) });
  return { sms, clock, set: (d: Date) => (clock.at = d) };
}

/** A coach's org ('Summit Coaching') whose clients get a number of their own unless a test says otherwise. */
export async function coachWorld(
  h: Harness,
  org: { timeZone?: string; quietHours?: { start: string; end: string } | null; reminderOffsetsMinutes?: number[] } = {},
) {
  const w = await coachOrg(h, { ...org, clientDefaults: { phone: 'unique' } });
  const addClient = (name: string, extra: ClientFields = {}): Promise<Json> => w.addClient(name, extra);
  const book = (clientId: string, startsAt: Date, durationMinutes = 60, location?: string) =>
    w.book(clientId, startsAt, { durationMinutes, location });
  return { coach: w.coach, orgId: w.org.id, addClient, book, messages: w.messages };
}

// Shared with every feature's tests; re-exported so existing imports keep working.
export { eventually } from '../../../testing/eventually';
