import { NavLink } from '@remix-run/react';
import { Icon, type IconName } from '~/components/ui';

export type AdminSection = 'pulse' | 'athletes' | 'privacy' | 'metrics' | 'audit' | 'invites' | 'moderation';

export const ADMIN_LINKS: { section: AdminSection; to: string; label: string; icon: IconName }[] = [
  { section: 'pulse', to: '/admin/pulse', label: 'Ops Pulse', icon: 'activity' },
  { section: 'athletes', to: '/admin/athletes', label: 'Athletes', icon: 'users' },
  { section: 'privacy', to: '/admin/privacy', label: 'Data requests', icon: 'lock' },
  { section: 'metrics', to: '/admin/metrics', label: 'Metrics', icon: 'chart' },
  { section: 'audit', to: '/admin/audit', label: 'Audit log', icon: 'shield' },
  { section: 'invites', to: '/admin/invites', label: 'Invites', icon: 'ticket' },
  { section: 'moderation', to: '/admin/moderation', label: 'Moderation', icon: 'message' },
];

/** The operator console's sub-navigation: only the sections the viewer's permissions open. Same look as the coach console's. */
export function AdminNav({ sections, demo }: { sections: AdminSection[]; demo: boolean }) {
  return (
    <nav className="coach-nav" aria-label="Operator console">
      <p className="coach-nav-org">{demo ? 'Operator console · demo (read-only)' : 'Operator console'}</p>
      <ul className="coach-nav-list">
        {ADMIN_LINKS.filter((l) => sections.includes(l.section)).map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} prefetch="intent" className="coach-nav-link">
              <Icon name={l.icon} className="icon icon-sm" />
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
