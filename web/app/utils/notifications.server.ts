import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { CATEGORIES, NOTIFICATION_TYPES, type Category, type NotificationType } from '../../../worker/features/notifications';
import { NotificationQuery, type NotificationGroup } from '../../../worker/features/notifications/notifications.schema';
import { addDays, todayIn } from '../../../worker/lib/dates';
import { isUuid } from '../../../worker/lib/ids';
import { isAppError } from './forms.server';
import { CATEGORY_CHIPS, type CenterFilter, type CenterResult, type CenterView, type DayView, type GroupView } from './notifications';
import { refuseWhileImpersonating } from '../../../worker/http/guards';

export const CENTER_PAGE_SIZE = 50;

const isCategory = (v: string | null): v is Category => v !== null && (CATEGORIES as readonly string[]).includes(v);
const isType = (v: string | null): v is NotificationType => v !== null && Object.hasOwn(NOTIFICATION_TYPES, v);

/** "Coach updates": the catalog's group label without its number. */
export function typeLabel(type: NotificationType): string {
  const plural = NOTIFICATION_TYPES[type].group(2).replace(/^2\s+/, '');
  return plural.charAt(0).toUpperCase() + plural.slice(1);
}

/** The center's address for a filter (and page); the one place its query string is spelled. */
export function centerHref(f: CenterFilter, cursor?: string | null): string {
  const q = new URLSearchParams();
  if (f.type) q.set('type', f.type);
  else if (f.category) q.set('category', f.category);
  if (f.unread) q.set('unread', '1');
  if (cursor) q.set('cursor', cursor);
  const s = q.toString();
  return s ? `/notifications?${s}` : '/notifications';
}

/** The filter in the address; anything unknown is dropped (a stale link still shows the center). */
function filterOf(url: URL): CenterFilter {
  const type = url.searchParams.get('type');
  const category = url.searchParams.get('category');
  const unread = url.searchParams.get('unread');
  if (isType(type)) return { type, category: null, unread: unread === '1' || unread === 'true' };
  return { type: null, category: isCategory(category) ? category : null, unread: unread === '1' || unread === 'true' };
}

function dayLabel(day: string, today: string): string {
  if (day === today) return 'Today';
  if (day === addDays(today, -1)) return 'Yesterday';
  const date = new Date(`${day}T12:00:00Z`);
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(date);
}

/** One page of the center: days (in the account's zone), their groups, the filter chips and "Older". */
export async function loadCenter(context: AppLoadContext, viewer: Viewer, url: URL): Promise<CenterView> {
  const filter = filterOf(url);
  const cursor = url.searchParams.get('cursor');
  const parsed = NotificationQuery.safeParse({
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.unread ? { unread: 'true' } : {}),
    ...(cursor ? { cursor } : {}),
    limit: String(CENTER_PAGE_SIZE),
  });
  // A mangled "Older" link: start again from the newest with the same filter.
  if (!parsed.success) throw redirect(centerHref(filter));
  const services = context.services;
  let list: Awaited<ReturnType<typeof services.notifications.list>>;
  try {
    list = await services.notifications.list(viewer.user, parsed.data);
  } catch (err) {
    if (isAppError(err) && err.code === 'VALIDATION') throw redirect(centerHref(filter));
    throw err;
  }
  const now = services.clock.now();
  const today = todayIn(list.timeZone, now);
  const byId = new Map(list.notifications.map((n) => [n.id, n]));
  const timeOfDay = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: list.timeZone });
  const clock = (iso: string) => timeOfDay.format(new Date(iso));

  const days: DayView[] = [];
  for (const g of list.groups) {
    let day = days.at(-1);
    if (day?.date !== g.day) {
      day = { date: g.day, label: dayLabel(g.day, today), groups: [] };
      days.push(day);
    }
    day.groups.push(groupView(g, byId, clock));
  }
  return {
    filter,
    filterLabel: isType(filter.type) ? typeLabel(filter.type) : null,
    chips: [
      { label: 'All', href: centerHref({ ...filter, type: null, category: null }), current: !filter.type && !filter.category },
      ...CATEGORY_CHIPS.map((c) => ({
        label: c.label,
        href: centerHref({ ...filter, type: null, category: c.value }),
        current: filter.category === c.value,
      })),
    ],
    readToggle: {
      all: centerHref({ ...filter, unread: false }),
      unread: centerHref({ ...filter, unread: true }),
    },
    days,
    unread: list.unread,
    older: list.nextCursor ? centerHref(filter, list.nextCursor) : null,
    newest: cursor ? centerHref(filter) : null,
    timeZone: list.timeZone,
  };
}

function groupView(g: NotificationGroup, byId: Map<string, NotificationLike>, clock: (iso: string) => string): GroupView {
  const items = g.ids.map((id) => byId.get(id)).filter((n): n is NotificationLike => n !== undefined);
  return {
    key: g.key,
    ids: g.ids,
    type: g.type,
    category: g.category,
    count: g.count,
    unread: g.unread,
    title: g.title,
    body: g.body,
    link: g.link,
    time: clock(g.latestAt),
    latestAt: g.latestAt,
    onlyThese:
      isType(g.type) && g.count > 1
        ? { label: typeLabel(g.type), href: centerHref({ type: g.type, category: null, unread: false }) }
        : null,
    items:
      g.count > 1
        ? items.map((n) => ({ id: n.id, title: n.title, body: n.body, link: n.link, time: clock(n.createdAt), read: n.readAt !== null }))
        : [],
  };
}

type NotificationLike = { id: string; title: string; body: string; link: string | null; readAt: string | null; createdAt: string };

const gone = (intent: CenterResult['intent']): CenterResult => ({
  intent,
  ok: false,
  formError: 'That notification is no longer here: it may have been deleted in another tab.',
  fieldErrors: {},
});

/** The center's buttons: mark one, a group or all read, delete one. Works as a plain form post too. */
export async function centerAction(context: AppLoadContext, viewer: Viewer, values: Record<string, string>): Promise<CenterResult> {
  const n = context.services.notifications;
  const userId = viewer.user.id;
  const intent = values.intent;
  try {
    switch (intent) {
      case 'read': {
        if (!isUuid(values.id)) return gone(intent);
        await n.markRead(userId, values.id);
        return { intent, ok: true, message: 'Marked read.', fieldErrors: {} };
      }
      case 'read-group': {
        const ids = (values.ids ?? '').split(',').filter(Boolean);
        if (ids.length === 0 || ids.length > 100 || !ids.every((id) => isUuid(id))) return gone(intent);
        await n.markGroupRead(userId, ids);
        return { intent, ok: true, message: ids.length === 1 ? 'Marked read.' : `Marked ${ids.length} read.`, fieldErrors: {} };
      }
      case 'read-all': {
        const type = isType(values.type ?? null) ? (values.type as NotificationType) : undefined;
        const category = !type && isCategory(values.category ?? null) ? (values.category as Category) : undefined;
        const { updated } = await n.markAllRead(userId, { type, category });
        return {
          intent,
          ok: true,
          message: updated === 0 ? 'Nothing was unread.' : `Marked ${updated} read. You're all caught up.`,
          fieldErrors: {},
        };
      }
      case 'delete': {
        if (!isUuid(values.id)) return gone(intent);
        refuseWhileImpersonating(viewer, 'delete a notification');
        await n.remove(userId, values.id);
        return { intent, ok: true, message: 'Deleted.', fieldErrors: {} };
      }
      default:
        throw new Response('Unknown action', { status: 400 });
    }
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') return gone(intent as CenterResult['intent']);
    if (isAppError(err) && err.code === 'IMPERSONATION_BLOCKED')
      return { intent: 'delete', ok: false, formError: err.message, fieldErrors: {} };
    throw err;
  }
}
