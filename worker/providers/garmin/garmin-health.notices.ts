// The health summaries of a Garmin ping as the port's notices (pure: the adapter's verifyNotification calls it).
import type { ProviderNotice } from '../file-provider/file-provider';
import { HEALTH_SUMMARIES, HealthPing } from './garmin-health.wire';

const FILE_PUSH_KEYS = new Set(['activityFiles', 'deregistrations', 'userPermissionsChange']);
const MAX_HEALTH_ENTRIES = 10_000;

/**
 * The health pings of a body (Garmin sends one summary type per POST), each a user and the callback URL its summaries
 * are pulled from. An entry without a callback URL on Garmin's API host and the type's own path (a push body, whose
 * values nobody signed, or anything else) makes the body unverifiable (ADR 095). Types we do not read are counted and left.
 */
export function healthNotices(
  body: Record<string, unknown>,
  reject: (why: string) => never,
  isPullUrl: (raw: string, summaryType: string) => boolean,
): ProviderNotice[] {
  const out: ProviderNotice[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (FILE_PUSH_KEYS.has(key)) continue;
    if (!Object.hasOwn(HEALTH_SUMMARIES, key)) {
      out.push({ kind: 'ignored', summaryType: key.slice(0, 40), entries: Array.isArray(value) ? value.length : 1 });
      continue;
    }
    if (!Array.isArray(value) || value.length > MAX_HEALTH_ENTRIES) reject(`${key} is not a list of pings`);
    for (const entry of value as unknown[]) {
      const parsed = HealthPing.safeParse(entry);
      if (!parsed.success) reject(`${key} entry is not a ping with a callback URL`);
      if (!isPullUrl(parsed.data!.callbackURL, key)) reject(`${key} callbackURL is not on Garmin’s API host`);
      out.push({ kind: 'health', externalUserId: parsed.data!.userId, summaryType: key, callbackURL: parsed.data!.callbackURL });
    }
  }
  return out;
}
