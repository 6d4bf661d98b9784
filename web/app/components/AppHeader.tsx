import { Form, NavLink, useLocation } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { OWN_HOME } from '~/utils/landing';
import { NotificationBell } from './notifications/NotificationBell';
import { cx, Icon, SubmitButton } from './ui';
import { Wordmark } from './Wordmark';

const LINKS: { to: string; label: string; section?: readonly string[] }[] = [
  { to: '/home', label: 'Home' },
  { to: '/activities', label: 'Activities' },
  { to: '/analysis', label: 'Analysis' },
  { to: '/training', label: 'Training' },
  { to: '/races', label: 'Races' },
  // One section with its own tabs (heatmap, segments, courses): the link is current on any of its pages.
  { to: '/heatmap', label: 'Maps', section: ['/heatmap', '/segments', '/courses'] },
  { to: '/ai-coach', label: 'AI coach' },
  { to: '/feed', label: 'Feed' },
  { to: '/people', label: 'People' },
];

/**
 * A phone's row holds six tabs with room to tap each; a longer list (every athlete's since Feed and People joined)
 * folds into a menu below 900 px, as a coach's and an operator's did.
 */
const ROW_HOLDS = 6;

/** The narrow screen's menu: opens on its button, closes on Escape (focus back on the button), a click or focus elsewhere, or a new page. */
function useMenu() {
  const [open, setOpen] = useState(false);
  const header = useRef<HTMLElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // Every navigation has a new key, a link to the page already open included.
  const { key } = useLocation();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a navigation closes the menu; its key is the trigger, not an input.
  useEffect(() => setOpen(false), [key]);

  useEffect(() => {
    if (!open) return;
    // Into the list it opened, so the keyboard continues where the eye goes.
    header.current?.querySelector<HTMLElement>('.app-nav a')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const outside = (target: EventTarget | null) => !(target instanceof Node && header.current?.contains(target));
    const onDown = (e: PointerEvent) => outside(e.target) && setOpen(false);
    const onFocus = (e: FocusEvent) => outside(e.target) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('focusin', onFocus);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('focusin', onFocus);
    };
  }, [open]);

  return { open, toggle: () => setOpen((o) => !o), header, button };
}

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
  const { pathname } = useLocation();
  const links: { to: string; label: string; section?: readonly string[] }[] = [
    // A bare /home takes a coach to the console; this Home is their own training.
    ...LINKS.map((l) => (isCoach && l.to === '/home' ? { ...l, to: OWN_HOME } : l)),
    ...(isCoach ? [{ to: '/coach', label: 'Coach' }] : []),
    { to: '/settings', label: 'Settings' },
    ...(isAdmin ? [{ to: '/admin', label: 'Admin' }] : []),
  ];
  const collapsible = links.length > ROW_HOLDS;
  const menu = useMenu();
  return (
    <header ref={menu.header} className={cx('app-header', collapsible && 'is-collapsible', menu.open && 'is-open')}>
      <div className="container app-header-inner">
        <Wordmark to="/home" />
        <nav aria-label="Main" className="app-nav" id="app-nav">
          <ul className="app-nav-list">
            {links.map((l) => (
              <li key={l.to}>
                {/* NavLink sets aria-current="page" on the active link; the CSS highlights that. */}
                <NavLink
                  to={l.to}
                  className={cx('app-nav-link', l.section?.some((p) => pathname.startsWith(p)) && 'is-section')}
                  prefetch="intent"
                >
                  {l.label}
                </NavLink>
              </li>
            ))}
          </ul>
          {collapsible ? (
            // In the folded menu Log out moves here, leaving the top row to the bell and the menu button.
            <Form method="post" action="/logout" className="app-nav-logout">
              <SubmitButton variant="secondary" size="sm" pendingText="Logging out…" action="/logout">
                Log out
              </SubmitButton>
            </Form>
          ) : null}
        </nav>
        <div className="app-user">
          <NotificationBell loaded={notifications} />
          <span className="app-user-name" title={displayName}>
            {displayName}
          </span>
          {collapsible ? (
            <button
              ref={menu.button}
              type="button"
              className="app-menu-button"
              aria-expanded={menu.open}
              aria-controls="app-nav"
              onClick={menu.toggle}
            >
              <Icon name="menu" className="icon icon-sm" />
              Menu
            </button>
          ) : null}
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
