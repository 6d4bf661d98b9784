import { NavLink } from '@remix-run/react';
import { Icon, type IconName } from '~/components/ui';

const LINKS: { to: string; label: string; icon: IconName; end?: boolean }[] = [
  { to: '/coach', label: 'Overview', icon: 'compass', end: true },
  { to: '/coach/calendar', label: 'Calendar', icon: 'calendar' },
  { to: '/coach/clients', label: 'Clients', icon: 'users' },
  { to: '/coach/library', label: 'Library', icon: 'book' },
  { to: '/coach/automations', label: 'Automations', icon: 'spark' },
  { to: '/coach/money', label: 'Money', icon: 'receipt' },
  { to: '/coach/settings', label: 'Settings', icon: 'settings' },
];

/** The console’s sub-navigation (NavLink sets aria-current, which the CSS highlights); on a phone rows of three, every tab whole. */
export function CoachNav({ orgName }: { orgName: string }) {
  return (
    <nav className="coach-nav" aria-label="Coaching console">
      <p className="coach-nav-org">{orgName}</p>
      <ul className="coach-nav-list">
        {LINKS.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end} prefetch="intent" className="coach-nav-link">
              <Icon name={l.icon} className="icon icon-sm" />
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
