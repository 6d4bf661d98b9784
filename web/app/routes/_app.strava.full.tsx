import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { AthleteLimitDoors, AthleteLimitLead } from '~/components/data/AthleteLimit';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { PageHeader } from '~/components/ui';
import { athleteLimitParams } from '~/utils/athlete-limit';
import { requireViewer } from '~/utils/auth.server';

// /strava/full: where "Connect with Strava" lands when Strava has no room for another athlete on Cadence (our own
// count, before Strava's page could refuse them, or Strava's refusal at the code exchange). Nothing here is an error.
export const meta: MetaFunction = () => [{ title: 'Strava is full for now · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args);
  return athleteLimitParams(new URL(args.request.url));
}

export default function StravaFull() {
  const { by } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/settings/data">Data sources</Link>}
        title="Strava has no room for another athlete on Cadence right now"
      />
      <div className="athlete-limit">
        <AthleteLimitLead by={by} signupUrl={null} />
        <AthleteLimitDoors signupUrl={null} />
        <p className="athlete-limit-later">
          Places open up as athletes disconnect Strava, so connecting may work another day.{' '}
          <Link to="/settings/data">Back to Data sources</Link>
        </p>
      </div>
    </>
  );
}
