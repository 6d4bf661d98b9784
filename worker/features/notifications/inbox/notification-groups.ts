import { localParts } from '../../../lib/dates';
import { isNotificationType, typeSpec } from '../notification-types';
import type { Notification, NotificationGroup } from '../notifications.schema';

// The center's rows: notifications of one type on one local day in the account's zone become one row
// ("3 analysis updates"); a group of one is that notification itself.

/** A zone Intl knows, else UTC: a stale zone name must not break the inbox. */
export function usableZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

export const localDay = (iso: string, timeZone: string) => localParts(new Date(iso), timeZone).date;

/** Only paths inside the app ("/activities/…"); anything else ("//host", "https:…") links nowhere. */
export const safeLink = (link: string | null): string | null => (link && /^\/(?![/\\])/.test(link) ? link : null);

/**
 * What a group is about: its notifications' link when they share one, else the section they share
 * ("/activities/a" and "/activities/b" → "/activities"), else nothing (the row expands instead).
 */
export function commonLink(links: (string | null)[]): string | null {
  const safe = links.map(safeLink);
  if (safe.some((l) => l === null)) return null;
  const first = safe[0] as string;
  if (safe.every((l) => l === first)) return first;
  const segments = safe.map((l) => (l as string).split(/[?#]/)[0]!.split('/').filter(Boolean));
  const shared: string[] = [];
  for (let i = 0; i < segments[0]!.length; i++) {
    const s = segments[0]![i]!;
    if (!segments.every((seg) => seg[i] === s)) break;
    shared.push(s);
  }
  return shared.length ? `/${shared.join('/')}` : null;
}

/** The catalog's label for n of a type; types older than the catalog get a plain one. */
export function groupLabel(type: string, n: number): string {
  if (isNotificationType(type)) return typeSpec(type).group(n);
  return `${n} ${n === 1 ? 'notification' : 'notifications'}`;
}

/** Rows (newest first) → groups by local day, then type, in the order the center shows them. */
export function groupNotifications(rows: Notification[], timeZone: string): NotificationGroup[] {
  const groups = new Map<string, { day: string; rows: Notification[] }>();
  for (const row of rows) {
    const day = localDay(row.createdAt, timeZone);
    const key = `${day}:${row.type}`;
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { day, rows: [row] });
  }
  return [...groups.entries()].map(([key, { day, rows: items }]) => {
    const latest = items[0]!;
    const single = items.length === 1;
    return {
      key,
      type: latest.type,
      category: latest.category,
      day,
      count: items.length,
      unread: items.filter((n) => n.readAt === null).length,
      ids: items.map((n) => n.id),
      latestAt: latest.createdAt,
      title: single ? latest.title : groupLabel(latest.type, items.length),
      body: single ? latest.body : null,
      link: single ? safeLink(latest.link) : commonLink(items.map((n) => n.link)),
    };
  });
}
