import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { useLoaderData } from '@remix-run/react';
import { EfficiencyMonthsCard } from '~/components/analytics/EfficiencyMonthsCard';
import { ModelHistoryCard } from '~/components/analytics/ModelHistoryCard';
import { ZoneWeeksCard } from '~/components/analytics/ZoneWeeksCard';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { requireViewer } from '~/utils/auth.server';
import { loadTrends } from '~/utils/trends.server';

export const meta: MetaFunction = () => [{ title: 'Trends · Analysis · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return loadTrends(args.context, viewer, new URL(args.request.url));
}

export default function AnalysisTrends() {
  const { zones, efficiency, history } = useLoaderData<typeof loader>();
  // The heading and the tabs are the /analysis layout's (_app.analysis.tsx).
  return (
    <>
      <div className="trends-grid">
        <ZoneWeeksCard view={zones} />
        <EfficiencyMonthsCard view={efficiency} />
        {/* How CP/W′ and CS/D′ moved, week by week (the same card as Settings → Training). */}
        <ModelHistoryCard ride={history.ride} run={history.run} />
      </div>
    </>
  );
}
