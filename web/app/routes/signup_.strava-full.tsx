import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { AthleteLimitDoors, AthleteLimitLead } from '~/components/data/AthleteLimit';
import { PublicLayout } from '~/components/PublicLayout';
import { athleteLimitParams } from '~/utils/athlete-limit';

// /signup/strava-full: "Sign up with Strava" when Strava has no room for another athlete on Cadence. The invite
// still works: the doors lead to signing up by email with it, then uploading.
export const meta: MetaFunction = () => [
  { title: 'Strava is full for now · Cadence' },
  { name: 'description', content: 'Strava limits how many athletes Cadence may connect. Your training has other ways in.' },
];

export function loader({ request }: LoaderFunctionArgs) {
  return athleteLimitParams(new URL(request.url));
}

export default function SignupStravaFull() {
  const { by, invite } = useLoaderData<typeof loader>();
  const signupUrl = invite ? `/signup?invite=${encodeURIComponent(invite)}` : '/signup';
  return (
    <PublicLayout narrow>
      <article className="prose athlete-limit">
        <p className="eyebrow">Sign up with Strava</p>
        <h1 className="page-title">Strava has no room for another athlete on Cadence right now</h1>
        <AthleteLimitLead by={by} signupUrl={signupUrl} />
      </article>
      <AthleteLimitDoors signupUrl={signupUrl} />
      <p className="athlete-limit-later">
        Places open up as athletes disconnect Strava, so signing up with Strava may work another day. <Link to="/">Back to Cadence</Link>
      </p>
    </PublicLayout>
  );
}
