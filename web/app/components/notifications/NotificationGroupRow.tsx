import { Link, useFetcher, useLocation } from '@remix-run/react';
import { useEffect } from 'react';
import { categoryIcon, type CenterResult, type GroupView, type ItemView } from '~/utils/notifications';
import { Icon, cx } from '../ui';
import type { PendingChanges } from './usePendingChanges';

type Done = (result: CenterResult) => void;

/** The center's own address, filter and page kept: without JavaScript the answer is that same view. */
export function useCenterAction(): string {
  return `/notifications${useLocation().search}`;
}

/** Reports each answer of this row's fetcher once, to the page's live region. */
function useReport(fetcher: { data?: CenterResult | undefined }, onDone: Done) {
  useEffect(() => {
    if (fetcher.data) onDone(fetcher.data);
  }, [fetcher.data, onDone]);
}

function ReadButton({ fetcher, ids, label = 'Mark read' }: { fetcher: ReturnType<typeof useFetcher>; ids: string[]; label?: string }) {
  const action = useCenterAction();
  return (
    <fetcher.Form method="post" action={action} className="inbox-action">
      <input type="hidden" name="intent" value="read-group" />
      <input type="hidden" name="ids" value={ids.join(',')} />
      <button type="submit" className="btn btn-link btn-sm">
        {label}
      </button>
    </fetcher.Form>
  );
}

function DeleteButton({ fetcher, id, title }: { fetcher: ReturnType<typeof useFetcher>; id: string; title: string }) {
  const action = useCenterAction();
  return (
    <fetcher.Form method="post" action={action} className="inbox-action">
      <input type="hidden" name="intent" value="delete" />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn btn-link btn-sm inbox-delete">
        Delete<span className="visually-hidden"> “{title}”</span>
      </button>
    </fetcher.Form>
  );
}

/** The title as a link to what it is about; opening an unread one marks it read (with JavaScript). */
function Title({ link, title, onOpen }: { link: string | null; title: string; onOpen?: () => void }) {
  return link ? (
    <Link to={link} className="inbox-link" onClick={onOpen}>
      {title}
    </Link>
  ) : (
    <span>{title}</span>
  );
}

function ItemRow({ item, pending, onDone }: { item: ItemView; pending: PendingChanges; onDone: Done }) {
  const fetcher = useFetcher<CenterResult>();
  const action = useCenterAction();
  useReport(fetcher, onDone);
  if (pending.deleted.has(item.id)) return null;
  const read = item.read || pending.allRead || pending.read.has(item.id);
  const open = () => {
    if (!read) fetcher.submit({ intent: 'read-group', ids: item.id }, { method: 'post', action });
  };
  return (
    <li className={cx('inbox-item', !read && 'is-unread')}>
      <div className="inbox-head">
        <p className="inbox-title">
          {!read ? <span className="inbox-dot" title="Unread" /> : null}
          <Title link={item.link} title={item.title} onOpen={open} />
          {!read ? <span className="visually-hidden"> (unread)</span> : null}
        </p>
        <span className="inbox-time">{item.time}</span>
      </div>
      {item.body ? <p className="inbox-body">{item.body}</p> : null}
      <div className="inbox-actions">
        {!read ? <ReadButton fetcher={fetcher} ids={[item.id]} /> : null}
        <DeleteButton fetcher={fetcher} id={item.id} title={item.title} />
      </div>
      {fetcher.data && !fetcher.data.ok ? <p className="field-error">{fetcher.data.formError}</p> : null}
    </li>
  );
}

/** One row of the center: a notification, or several of one type on one day ("3 analysis updates"). */
export function NotificationGroupRow({ group, pending, onDone }: { group: GroupView; pending: PendingChanges; onDone: Done }) {
  const fetcher = useFetcher<CenterResult>();
  const action = useCenterAction();
  useReport(fetcher, onDone);
  const single = group.count === 1;
  if (single && pending.deleted.has(group.ids[0]!)) return null;
  const isRead = (id: string) => pending.allRead || pending.read.has(id);
  const unread = single
    ? group.unread > 0 && !isRead(group.ids[0]!)
      ? 1
      : 0
    : group.items.filter((i) => !i.read && !isRead(i.id) && !pending.deleted.has(i.id)).length;
  const unreadIds = single ? group.ids : group.items.filter((i) => !i.read).map((i) => i.id);
  const open = () => {
    if (unread > 0) fetcher.submit({ intent: 'read-group', ids: unreadIds.join(',') }, { method: 'post', action });
  };
  return (
    <li className={cx('inbox-row', unread > 0 && 'is-unread')}>
      <span className={`inbox-icon inbox-icon-${group.category}`}>
        <Icon name={categoryIcon(group.category)} className="icon icon-sm" />
      </span>
      <div className="inbox-main">
        <div className="inbox-head">
          <p className="inbox-title">
            {unread > 0 ? <span className="inbox-dot" title="Unread" /> : null}
            <Title link={group.link} title={group.title} onOpen={open} />
            {unread > 0 ? <span className="visually-hidden">{single ? ' (unread)' : ` (${unread} unread)`}</span> : null}
          </p>
          <time className="inbox-time" dateTime={group.latestAt}>
            {group.time}
          </time>
        </div>
        {group.body ? <p className="inbox-body">{group.body}</p> : null}
        <div className="inbox-actions">
          {unread > 0 ? <ReadButton fetcher={fetcher} ids={unreadIds} label={single ? 'Mark read' : `Mark ${unread} read`} /> : null}
          {single ? <DeleteButton fetcher={fetcher} id={group.ids[0]!} title={group.title} /> : null}
        </div>
        {fetcher.data && !fetcher.data.ok ? <p className="field-error">{fetcher.data.formError}</p> : null}
        {single ? null : (
          <details className="inbox-details">
            <summary>
              Show all {group.count}
              <span className="visually-hidden"> {group.title}</span>
            </summary>
            <ul className="inbox-items">
              {group.items.map((item) => (
                <ItemRow key={item.id} item={item} pending={pending} onDone={onDone} />
              ))}
            </ul>
            {group.onlyThese ? (
              <p className="inbox-only">
                <Link to={group.onlyThese.href}>Show only {group.onlyThese.label.toLowerCase()}</Link>
              </p>
            ) : null}
          </details>
        )}
      </div>
    </li>
  );
}
