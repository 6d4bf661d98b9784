import { NavLink } from '@remix-run/react';

// A page's own tabs (Analysis, a race): links styled as tabs, the current one marked by NavLink's aria-current.
export interface PageTab {
  to: string;
  label: string;
  /** Only the exact path is current (the index tab). */
  end?: boolean;
}

export function PageTabs({ tabs, label }: { tabs: readonly PageTab[]; label: string }) {
  return (
    <nav className="page-tabs" aria-label={label}>
      <ul className="page-tabs-list">
        {tabs.map((t) => (
          <li key={t.to}>
            <NavLink to={t.to} end={t.end ?? false} prefetch="intent" className="page-tab">
              {t.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
