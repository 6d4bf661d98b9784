import { NavLink, Outlet } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { PageHeader } from '~/components/ui';

// /analysis: the athlete's deeper look (curves, trends). Each tab's route loads and checks its own data.
export const ErrorBoundary = AppErrorBoundary;

const TABS = [
  { to: '/analysis', label: 'Curves', end: true },
  { to: '/analysis/trends', label: 'Trends', end: false },
];

export default function AnalysisLayout() {
  return (
    <>
      <PageHeader
        title="Analysis"
        description="Your best efforts for every duration, the models fitted to them and how they move, each leading back to its activity."
      />
      <nav className="analysis-tabs" aria-label="Analysis">
        <ul className="analysis-tabs-list">
          {TABS.map((t) => (
            <li key={t.to}>
              <NavLink to={t.to} end={t.end} prefetch="intent" className="analysis-tab">
                {t.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
