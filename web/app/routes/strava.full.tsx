import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { PublicLayout } from '~/components/PublicLayout';
import { ButtonLink, Card, Icon } from '~/components/ui';
import { useRootUser } from '~/components/useRootUser';
import { athleteLimitParams } from '~/utils/athlete-limit';

// /strava/full: where the connect and sign-up flows land when Strava has no room for another athlete on Cadence
// (our own count, before Strava's page could refuse them, or Strava's refusal at the code exchange). It says what
// happened and shows the other ways in; nothing on it is an error.
export const meta: MetaFunction = () => [
  { title: 'Strava is full for now · Cadence' },
  { name: 'description', content: 'Strava limits how many athletes Cadence may connect. Your training has other ways in.' },
];

export function loader({ request }: LoaderFunctionArgs) {
  return athleteLimitParams(new URL(request.url));
}

export default function StravaFull() {
  const { flow, by, invite } = useLoaderData<typeof loader>();
  const user = useRootUser();
  const signup = flow === 'signup' && !user;
  const signupUrl = invite ? `/signup?invite=${encodeURIComponent(invite)}` : '/signup';
  return (
    <PublicLayout narrow>
      <article className="prose athlete-limit">
        <p className="eyebrow">Strava</p>
        <h1 className="page-title">Strava has no room for another athlete on Cadence right now</h1>
        <p className="lead">
          {by === 'strava'
            ? 'Strava turned the connection down: it lets each app connect a limited number of athletes, and Cadence has reached that number. Nothing was connected and nothing from Strava was kept.'
            : 'Strava lets each app connect a limited number of athletes, and Cadence has reached that number. We stopped before sending you to Strava, so nothing was connected or shared.'}
        </p>
        <p>
          Nothing is wrong with {signup ? 'your invite' : 'your account'}. Your training is yours, and it has two other ways in — both of
          them work everywhere in Cadence, including the AI coach and a coach you choose to share with, which Strava's terms don't allow for
          its own data.
        </p>
      </article>
      <div className="athlete-limit-doors">
        <Card id="door-files" title="Upload your files or your Strava archive">
          <p className="card-text">
            Strava gives you every activity you have recorded as its original file: on strava.com, Settings → My Account → Download or
            delete your account → Request archive. Upload the zip as it comes, or files from any watch or bike computer (FIT, GPX, TCX).
          </p>
          <ButtonLink to={signup ? signupUrl : '/settings/data#files'}>
            <Icon name="receipt" className="icon icon-sm" /> {signup ? 'Sign up with email, then upload' : 'Upload files'}
          </ButtonLink>
        </Card>
        <Card id="door-devices" title="Connect your watch's own service">
          <p className="card-text">
            Garmin Connect and Polar Flow can send each new session to Cadence as its original file, with no upload. Connect them on the
            Data sources page{signup ? ' once you have signed up' : ''}.
          </p>
          <ButtonLink to={signup ? signupUrl : '/settings/data'} variant="secondary">
            <Icon name="plug" className="icon icon-sm" /> {signup ? 'Sign up with email' : 'Open Data sources'}
          </ButtonLink>
        </Card>
      </div>
      <p className="athlete-limit-later">
        Places open up as athletes disconnect Strava, so connecting may work another day.{' '}
        {user ? <Link to="/settings/data">Back to Data sources</Link> : <Link to="/">Back to Cadence</Link>}
      </p>
    </PublicLayout>
  );
}
