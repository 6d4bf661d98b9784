// Test helpers for automations (imported by *.test.ts only): a coach world on the scenario kit, and the
// automations service as the cron builds it, on a movable clock, with the real SMS service and providers.
import { env } from 'cloudflare:test';
import { createDb } from '../../../db/client';
import { automationRuns, automations } from '../../../db/schema';
import { parseEnv } from '../../../env';
import { createLogger } from '../../../lib/logger';
import { createProviders } from '../../../providers';
import type { Harness } from '../../../testing/harness';
import { coachOrg, membershipOf, type ClientFields } from '../../../testing/scenarios';
import { createAuditService } from '../../audit';
import { createCoachEvents } from '../coach-events';
import { createSmsService } from '../sms';
import { createAutomations } from '.';

export type Json = Record<string, any>;

/** The automations service on a clock fixed at `now` (move it with `set`). */
export function automationsAt(h: Harness, now: Date, logLevel: 'debug' | 'error' = 'error') {
  const clock = { at: now, now: () => clock.at };
  const logger = createLogger(logLevel);
  const providers = createProviders(parseEnv(env));
  const audit = createAuditService(h.db, null);
  const events = createCoachEvents(logger);
  const orgPlan = membershipOf(h);
  const sms = createSmsService({ db: h.db, clock, sender: providers.sms, logger, events, audit, orgPlan });
  const automations = createAutomations({ db: h.db, clock, logger, audit, email: providers.email, sms, events, orgPlan });
  return { automations, events, clock, set: (d: Date) => (clock.at = d) };
}

/**
 * For a `beforeEach`: the tests here run whole ticks and scans, each on a clock of its own, over the file's
 * database. What an earlier test of the file left scheduled or waiting to retry is switched off first, so a
 * tick acts on the running test's automations alone.
 */
export async function parkEarlierAutomations(): Promise<void> {
  const { db, close } = createDb(parseEnv(env), createLogger('error'));
  try {
    await db.update(automations).set({ enabled: false });
    await db.update(automationRuns).set({ nextAttemptAt: null });
  } finally {
    await close();
  }
}

/** A coach's org ('Summit Coaching') whose clients have a number of their own and agreed to texts. */
export async function coachWorld(h: Harness, timeZone = 'America/Denver') {
  const w = await coachOrg(h, { timeZone, clientDefaults: { phone: 'unique', smsConsent: 'granted' } });
  // Every client here has a number (drawn fresh), so its phone is a string.
  const addClient = async (name: string, extra: Omit<ClientFields, 'phone'> = {}) => {
    const client = await w.addClient(name, extra);
    if (!client.phone) throw new Error('coach world: client without a phone');
    return { ...client, phone: client.phone };
  };
  const addPackage = async (clientId: string, sessions: number, validityDays: number | null = null, purchasedOn?: string) => {
    const type = await w.addPackageType({ name: `${sessions} pack`, sessions, priceCents: 1000 * sessions, validityDays });
    return (await w.givePackage(clientId, type.id, purchasedOn ? { purchasedOn } : {})).body;
  };
  return { coach: w.coach, orgId: w.org.id, member: w.member, api: w.api, addClient, addPackage };
}

// Shared with every feature's tests; re-exported so existing imports keep working.
export { eventually } from '../../../testing/eventually';
