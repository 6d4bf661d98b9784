import { Form, NavLink } from '@remix-run/react';
import { OWN_HOME } from '~/utils/landing';
import { NotificationBell } from './notifications/NotificationBell';
import { SubmitButton } from './ui';
import { Wordmark } from './Wordmark';

const LINKS = [
  { to: '/home', label: 'Home' },
  { to: '/activities', label: 'Activities' },
  { to: '/training', label: 'Training' },
  { to: '/ai-coach', label: 'AI coach' },
];

/** Everyone has the AI coach; coaches (and the owner) also have their business console under Coach. */
export function AppHeader({
  displayName,
  isAdmin,
  isCoach,
  notifications,
}: {
  displayName: string;
  isAdmin: boolean;
  isCoach: boolean;
  /** The loader's unread count (a new object on every loader run). */
  notifications: { unread: number };
}) {
  const links = [
    // A bare /home takes a coach to the console; this Home is their own training.
    ...LINKS.map((l) => (isCoach && l.to === '/home' ? { ...l, to: OWN_HOME } : l)),
    ...(isCoach ? [{ to: '/coach', label: 'Coach' }] : []),
    { to: '/settings', label: 'Settings' },
    ...(isAdmin ? [{ to: '/admin', label: 'Admin' }] : []),
  ];
  return (
    <header className="app-header">
      <div className="container app-header-inner">
        <Wordmark to="/home" />
        <nav aria-label="Main" className="app-nav">
          <ul className="app-nav-list">
            {links.map((l) => (
              <li key={l.to}>
                {/* NavLink sets aria-current="page" on the active link; the CSS highlights that. */}
                <NavLink to={l.to} className="app-nav-link" prefetch="intent">
                  {l.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="app-user">
          <NotificationBell loaded={notifications} />
          <span className="app-user-name" title={displayName}>
            {displayName}
          </span>
          <Form method="post" action="/logout" className="app-logout">
            <SubmitButton variant="secondary" size="sm" pendingText="Logging out…" action="/logout">
              Log out
            </SubmitButton>
          </Form>
        </div>
      </div>
    </header>
  );
}
