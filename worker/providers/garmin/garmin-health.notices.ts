// The health summaries of a Garmin push as the port's notices (pure: the adapter's verifyNotification calls it).
import type { ProviderNotice } from '../file-provider/file-provider';
import { HEALTH_SUMMARIES } from './garmin-health.wire';

const FILE_PUSH_KEYS = new Set(['activityFiles', 'deregistrations', 'userPermissionsChange']);
const MAX_HEALTH_ENTRIES = 10_000;

/**
 * The health summaries of a push (Garmin sends one type per POST), each validated: a summary we cannot read makes
 * the body unverifiable, like a malformed ping. Types we do not read are counted and left.
 */
export function healthNotices(body: Record<string, unknown>, reject: (why: string) => never): ProviderNotice[] {
  const out: ProviderNotice[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (FILE_PUSH_KEYS.has(key)) continue;
    if (!Object.hasOwn(HEALTH_SUMMARIES, key)) {
      out.push({ kind: 'ignored', summaryType: key.slice(0, 40), entries: Array.isArray(value) ? value.length : 1 });
      continue;
    }
    const schema = HEALTH_SUMMARIES[key as keyof typeof HEALTH_SUMMARIES];
    if (!Array.isArray(value) || value.length > MAX_HEALTH_ENTRIES) reject(`${key} is not a list of summaries`);
    for (const entry of value as unknown[]) {
      const parsed = schema.safeParse(entry);
      if (!parsed.success) reject(`unexpected ${key} summary shape`);
      const { userId, userAccessToken: _t, ...summary } = parsed.data as { userId: string; userAccessToken?: string };
      out.push({ kind: 'health', externalUserId: userId, summaryType: key, summary });
    }
  }
  return out;
}
