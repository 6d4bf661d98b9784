import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { IngestionCard } from '~/components/data/IngestionCard';
import { usePolling } from '~/components/data/usePolling';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Card, EmptyState, Icon, LiveRegion, PageHeader } from '~/components/ui';
import { useAppUser } from '~/components/useAppUser';
import { requireViewer } from '~/utils/auth.server';
import { isActive } from '~/utils/ingestion';
import { loadIngestion } from '~/utils/ingestion.server';

export const meta: MetaFunction = () => [{ title: 'Home · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return { ingestion: await loadIngestion(args.context, viewer) };
}

/** "?connected=strava" from the OAuth callback: said once, then dropped from the address so a reload doesn't repeat it. */
function useJustConnected(): boolean {
  const [params, setParams] = useSearchParams();
  const [connected] = useState(() => params.get('connected') === 'strava');
  useEffect(() => {
    if (!params.has('connected')) return;
    setParams(
      (p) => {
        p.delete('connected');
        return p;
      },
      { replace: true, preventScrollReset: true },
    );
  }, [params, setParams]);
  return connected;
}

export default function Home() {
  const user = useAppUser();
  const { ingestion } = useLoaderData<typeof loader>();
  const justConnected = useJustConnected();
  usePolling(isActive(ingestion.current?.status) && !ingestion.paused);
  const hasActivities = ingestion.activityCount > 0;
  return (
    <>
      <PageHeader
        title={`Welcome, ${user.displayName}`}
        description={
          hasActivities
            ? 'This is where your training comes together.'
            : "This is where your training comes together. There's nothing to show yet — here's what will appear, and what you can do now."
        }
      />
      <LiveRegion>{justConnected ? <Alert tone="success" announce={false}>Strava connected.</Alert> : null}</LiveRegion>

      <IngestionCard ingestion={ingestion} />

      <div className="grid-2">
        <Card id="fitness" title="Fitness, fatigue & form">
          {hasActivities ? (
            <EmptyState icon={<Icon name="chart" />} title="Not calculated yet" level={3}>
              <p>Your activities are in; fitness, fatigue and form arrive with the next update.</p>
              <p>Each number will link to the activities it came from, so you can check it.</p>
            </EmptyState>
          ) : (
            <EmptyState icon={<Icon name="activity" />} title="No activities yet" level={3}>
              <p>
                Once activities arrive you'll see <strong>fitness</strong> (your long-term training load), <strong>fatigue</strong> (the last week or
                so) and <strong>form</strong> (the balance of the two).
              </p>
              <p>Each number will link to the activities it came from, so you can check it.</p>
            </EmptyState>
          )}
        </Card>
        <Card id="plan" title="Your plan">
          <EmptyState icon={<Icon name="calendar" />} title="No plan yet" level={3}>
            <p>Your week of sessions will appear here. You can move, swap or skip any of them.</p>
            <p>The AI coach may propose changes, with its reasons — nothing changes until you confirm.</p>
          </EmptyState>
        </Card>
      </div>

      <p className="detail">
        <Icon name="settings" className="icon icon-sm" /> Distances in {user.units === 'mi' ? 'miles' : 'kilometres'}.{' '}
        <Link to="/settings">Change units or time zone</Link> · <Link to="/settings/data">Data sources</Link>
      </p>
    </>
  );
}
