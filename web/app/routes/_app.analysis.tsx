import { Outlet } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { PageHeader, PageTabs } from '~/components/ui';

// /analysis: the athlete's deeper look (curves, trends). Each tab's route loads and checks its own data.
export const ErrorBoundary = AppErrorBoundary;

const TABS = [
  { to: '/analysis', label: 'Curves', end: true },
  { to: '/analysis/trends', label: 'Trends' },
];

export default function AnalysisLayout() {
  return (
    <>
      <PageHeader
        title="Analysis"
        description="Your best efforts for every duration, the models fitted to them and how they move, each leading back to its activity."
      />
      <PageTabs tabs={TABS} label="Analysis" />
      <Outlet />
    </>
  );
}
