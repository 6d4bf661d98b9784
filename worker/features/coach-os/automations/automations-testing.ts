// Test helpers for automations (imported by *.test.ts only): a coach with an org and clients, and the
// automations service as the cron builds it, on a movable clock, with the real SMS service and providers.
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { orgs } from '../../../db/schema';
import { parseEnv } from '../../../env';
import { createLogger } from '../../../lib/logger';
import { createProviders } from '../../../providers';
import type { Harness } from '../../../testing/harness';
import { createAuditService } from '../../audit';
import { createCoachEvents } from '../coach-events';
import type { Member } from '../coach-os.service';
import { createSmsService } from '../sms';
import { createAutomations } from '.';

export type Json = Record<string, any>;

export const uniquePhone = () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

/** The automations service on a clock fixed at `now` (move it with `set`). */
export function automationsAt(h: Harness, now: Date, logLevel: 'debug' | 'error' = 'error') {
  const clock = { at: now, now: () => clock.at };
  const logger = createLogger(logLevel);
  const providers = createProviders(parseEnv(env));
  const audit = createAuditService(h.db, null);
  const events = createCoachEvents(logger);
  const sms = createSmsService({ db: h.db, clock, sender: providers.sms, logger, events, audit });
  const automations = createAutomations({ db: h.db, clock, logger, audit, email: providers.email, sms, events });
  return { automations, events, clock, set: (d: Date) => (clock.at = d) };
}

export async function coachWorld(h: Harness, timeZone = 'America/Denver') {
  const coach = await h.userWithRole('coach');
  const created = await h.json<Json>('/api/v1/coach/org', { body: { name: 'Summit Coaching', timeZone }, cookie: coach.cookie });
  const orgId = created.body.id as string;
  const member = async (): Promise<Member> => {
    const [org] = await h.db.select().from(orgs).where(eq(orgs.id, orgId));
    return { actor: { id: coach.id, role: 'coach' }, org: org!, role: 'owner' };
  };
  const api = <T = Json>(path: string, init: { method?: string; body?: unknown } = {}) => h.json<T>(`/api/v1/coach${path}`, { ...init, cookie: coach.cookie });
  const addClient = async (name: string, extra: Json = {}) => (await api('/clients', { body: { name, phone: uniquePhone(), smsConsent: 'granted', ...extra } })).body;
  const addPackage = async (clientId: string, sessions: number, validityDays: number | null = null, purchasedOn?: string) => {
    const type = (await api('/package-types', { body: { name: `${sessions} pack`, sessions, sessionMinutes: 60, priceCents: 1000 * sessions, currency: 'usd', validityDays } })).body;
    return (await api(`/clients/${clientId}/packages`, { body: { packageTypeId: type.id, ...(purchasedOn ? { purchasedOn } : {}) } })).body;
  };
  return { coach, orgId, member, api, addClient, addPackage };
}

// Shared with every feature's tests; re-exported so existing imports keep working.
export { eventually } from '../../../testing/eventually';
