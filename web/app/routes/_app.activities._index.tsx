import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { ActivityList } from '~/components/ActivityList';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { buttonClass, ButtonLink, Card, EmptyState, Icon, PageHeader } from '~/components/ui';
import { useAppUser } from '~/components/useAppUser';
import { loadActivities } from '~/utils/activities.server';
import { requireViewer } from '~/utils/auth.server';

export const meta: MetaFunction = () => [{ title: 'Activities · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return loadActivities(args.context, viewer, new URL(args.request.url).searchParams.get('before'));
}

export default function Activities() {
  const { items, older, paged } = useLoaderData<typeof loader>();
  const user = useAppUser();
  return (
    <>
      <PageHeader
        title="Activities"
        description={`Everything you've recorded, newest first. Distances in ${user.units === 'mi' ? 'miles' : 'kilometres'}.`}
        actions={
          items.length > 0 ? (
            <ButtonLink to="/settings/data" variant="secondary" size="sm">
              Data sources
            </ButtonLink>
          ) : null
        }
      />
      {items.length === 0 ? (
        <Card>
          {paged ? (
            <EmptyState
              icon={<Icon name="activity" />}
              title="No older activities"
              actions={<ButtonLink to="/activities">Back to the newest</ButtonLink>}
            >
              <p>That's the start of your history.</p>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<Icon name="activity" />}
              title="No activities yet"
              actions={<ButtonLink to="/settings/data">Go to Data sources</ButtonLink>}
            >
              <p>Connect Strava on Data sources, and your activities appear here as they arrive.</p>
            </EmptyState>
          )}
        </Card>
      ) : (
        <Card className="card-flush">
          <h2 className="visually-hidden">{paged ? 'Older activities' : 'Latest activities'}</h2>
          <ActivityList items={items} />
        </Card>
      )}
      {items.length > 0 && (older || paged) ? (
        <nav aria-label="Pages" className="pager">
          {paged ? (
            <Link to="/activities" className={buttonClass('secondary', 'sm')}>
              Newest
            </Link>
          ) : (
            <span />
          )}
          {older ? (
            <Link to={`/activities?before=${encodeURIComponent(older)}`} rel="next" className={buttonClass('secondary', 'sm')}>
              Older
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
