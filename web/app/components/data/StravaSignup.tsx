import { Alert } from '../ui';
import { STRAVA_DATA_USE } from './StravaConnect';

/**
 * "Or sign up with Strava": a plain GET form, so it works without JavaScript. The API checks the
 * invite before sending the athlete to Strava, and the callback redeems it.
 */
export function StravaSignup({ invite, error, timeZone }: { invite: string; error: string | null; timeZone: string }) {
  return (
    <section className="strava-signup" aria-labelledby="strava-signup-title">
      <h2 id="strava-signup-title" className="strava-signup-title">
        Or sign up with Strava
      </h2>
      {error ? (
        <Alert tone="error" title="Strava signup didn't work">
          <p>{error}</p>
        </Alert>
      ) : null}
      <form method="get" action="/api/v1/connections/strava/signup" className="form">
        <div className="field">
          <label htmlFor="strava-invite" className="field-label">
            Invite code
          </label>
          <input id="strava-invite" name="invite" className="input" required maxLength={64} autoComplete="off" defaultValue={invite} />
        </div>
        {/* The zone confirmed in the form above goes along, so a Strava account does not start on UTC. */}
        <input type="hidden" name="timeZone" value={timeZone} />
        <p className="field-hint" id="strava-time-zone">
          Time zone: {timeZone} (change it above).
        </p>
        <button type="submit" className="btn btn-strava btn-block">
          Sign up with Strava
        </button>
        <p className="data-use">{STRAVA_DATA_USE} You then log in with Strava.</p>
      </form>
    </section>
  );
}
