import { NavLink } from '@remix-run/react';
import { Icon } from '../ui';
import { useUnreadCount } from './useUnreadCount';

export const badgeText = (n: number) => (n > 99 ? '99+' : String(n));

/** The header's bell: a link to the center, its name saying how many are unread, kept current by a poll. */
export function NotificationBell({ loaded }: { loaded: { unread: number } }) {
  const unread = useUnreadCount(loaded);
  return (
    <>
      <NavLink
        to="/notifications"
        className="bell"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        title="Notifications"
      >
        <Icon name="bell" className="icon bell-icon" />
        {unread > 0 ? (
          <span className="bell-badge" aria-hidden="true">
            {badgeText(unread)}
          </span>
        ) : null}
      </NavLink>
      {/* Announces changes only (a live region is silent about what it held when the page loaded). */}
      <span className="visually-hidden" aria-live="polite">
        {unread > 0 ? `${unread} unread notifications` : 'No unread notifications'}
      </span>
    </>
  );
}
