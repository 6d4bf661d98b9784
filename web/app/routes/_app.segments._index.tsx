import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { MapsTabs } from '~/components/maps/MapsTabs';
import { Link, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Badge, Card, EmptyState, Icon, PageHeader } from '~/components/ui';
import { raceTime } from '~/utils/analytics-format';
import { requireViewer } from '~/utils/auth.server';
import { formatDistance } from '~/utils/format';
import { loadSegments } from '~/utils/segments.server';

// /segments: the athlete's segments, each with their effort count and best time; a new athlete reads how to make one.
export const meta: MetaFunction = () => [{ title: 'Segments · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  return loadSegments(args.context, await requireViewer(args));
}

export default function Segments() {
  const { segments, units, limit } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Segments"
        description="Stretches of road or trail you named: every activity of yours along one is an effort, your fastest is your PR."
      />
      <MapsTabs />
      {segments.length === 0 ? (
        <EmptyState icon={<Icon name="chart" />} title="No segments yet">
          <p>
            Open one of your <Link to="/activities">activities</Link> with GPS, drag across a chart to zoom to the stretch you want (100 m
            to 100 km), then use “Make a segment of this stretch” below the charts. Give it a name and choose whether it is yours alone or
            public, with a board among the people you follow who opted in.
          </p>
        </EmptyState>
      ) : (
        <Card id="segments" title="Your segments" description={`${segments.length} of the ${limit} you can keep.`}>
          <table className="table table-stack">
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Distance</th>
                <th scope="col">Efforts</th>
                <th scope="col">Your best</th>
              </tr>
            </thead>
            <tbody>
              {segments.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/segments/${s.id}`}>{s.name}</Link>{' '}
                    <Badge tone={s.visibility === 'public' ? 'info' : 'neutral'}>{s.visibility === 'public' ? 'Public' : 'Private'}</Badge>
                  </th>
                  <td data-label="Distance">{formatDistance(s.distanceM, units)}</td>
                  <td data-label="Efforts">{s.matching && s.efforts === 0 ? 'Matching your history…' : s.efforts}</td>
                  <td data-label="Your best">{s.bestS === null ? '—' : raceTime(s.bestS)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}
