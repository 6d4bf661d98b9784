import { ButtonLink, Card, Icon } from '../ui';

// What an athlete reads when Strava has no room for another athlete on Cadence: what happened, that nothing is
// wrong on their side, and the two other ways in. Shared by the signed-in page (/strava/full) and the sign-up one.

interface Props {
  /** Who said no: our own count before Strava's page, or Strava at the code exchange. */
  by: 'cadence' | 'strava';
  /** Signing up with Strava: no account yet, so the doors start with signing up by email (with the invite). */
  signupUrl: string | null;
}

export function AthleteLimitLead({ by, signupUrl }: Props) {
  return (
    <>
      <p className="lead">
        {by === 'strava'
          ? 'Strava turned the connection down: it lets each app connect a limited number of athletes, and Cadence has reached that number. Nothing was connected and nothing from Strava was kept.'
          : 'Strava lets each app connect a limited number of athletes, and Cadence has reached that number. We stopped before sending you to Strava, so nothing was connected or shared.'}
      </p>
      <p className="athlete-limit-text">
        Nothing is wrong with {signupUrl ? 'your invite' : 'your account'}, and your training is yours. There are two other ways to bring it
        in, and what arrives through them works everywhere in Cadence — including the AI coach and a coach you share with, which Strava’s
        terms rule out for activities from its API.
      </p>
    </>
  );
}

export function AthleteLimitDoors({ signupUrl }: Pick<Props, 'signupUrl'>) {
  return (
    <div className="athlete-limit-doors">
      <Card id="door-files" title="Upload your files or your Strava archive">
        <p className="card-text">
          Strava gives you every activity you have recorded as its original file: on strava.com, Settings → My Account → Download or delete
          your account → Request archive. Upload the zip as it comes, or files from any watch or bike computer (FIT, GPX, TCX).
        </p>
        <ButtonLink to={signupUrl ?? '/settings/data#files'}>
          <Icon name="receipt" className="icon icon-sm" /> {signupUrl ? 'Sign up, then upload' : 'Upload files'}
        </ButtonLink>
      </Card>
      <Card id="door-devices" title="Connect your watch’s own service">
        <p className="card-text">
          Garmin Connect and Polar Flow can send each new session to Cadence as its original file, with no upload. Connect them on the Data
          sources page{signupUrl ? ' once you have signed up' : ''}.
        </p>
        <ButtonLink to={signupUrl ?? '/settings/data'} variant="secondary">
          <Icon name="plug" className="icon icon-sm" /> {signupUrl ? 'Sign up with email' : 'Open Data sources'}
        </ButtonLink>
      </Card>
    </div>
  );
}
