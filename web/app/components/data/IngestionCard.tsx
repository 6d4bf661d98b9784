import { Link } from '@remix-run/react';
import { Alert, Card, LiveRegion } from '../ui';
import { doorWaitingWords, isActive, STRAVA_AUTHORIZE_URL, THIN_HISTORY, type ImportView, type IngestionView } from '~/utils/ingestion';
import { ImportProgress } from './ImportProgress';
import { PausedNotice } from './PausedNotice';
import { StravaConnectButton, StravaDataUse } from './StravaConnect';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Home's first card: how to bring data in, or how the import is going. */
export function IngestionCard({ ingestion }: { ingestion: IngestionView }) {
  const { current, activityCount, strava } = ingestion;
  if (!current && !strava.connected && activityCount === 0) return <ConnectCard strict={ingestion.stravaStrict} />;
  // The brake: said to anyone it affects, instead of a "queued" or "importing" that isn't happening.
  const paused = current?.status === 'paused' || (ingestion.paused && (strava.connected || !!current));
  const stalled = paused && (!current || current.status === 'paused' || isActive(current.status));
  // A live door connected moments ago whose provider has not sent anything yet: "0 activities imported" would be wrong.
  const door = current?.status === 'done' ? ingestion.doors.find((d) => d.provider === current.source) : undefined;
  const waiting = door && activityCount === 0 ? doorWaitingWords(door) : null;
  return (
    <Card
      id="data"
      title="Your training data"
      className="card-accent"
      actions={
        <Link to="/settings/data" className="card-link">
          Data sources
        </Link>
      }
    >
      {/* Announces a change of phase (queued → importing → done); the running count is left to the progress bar. */}
      <LiveRegion className="ingest-status">
        {paused ? <PausedNotice /> : null}
        {waiting ? (
          <p className="ingest-headline">{waiting.text}</p>
        ) : current && !stalled ? (
          <Headline view={current} count={activityCount} />
        ) : null}
      </LiveRegion>
      {current && (current.status === 'running' || current.status === 'deferred' || (stalled && current.total !== null)) ? (
        <ImportProgress view={current} />
      ) : null}
      {!waiting && (!current || current.status === 'done') ? <Summary count={activityCount} finished={!!current} /> : null}
      {activityCount > 0 ? (
        <p className="card-footnote">
          <Link to="/activities">See your activities</Link>
          {current && current.status !== 'done' ? ' — they appear as they arrive.' : null}
        </p>
      ) : null}
    </Card>
  );
}

function Headline({ view, count }: { view: ImportView; count: number }) {
  const strava = view.source === 'strava';
  // A live door names itself ("Garmin Connect"); a file upload is "File".
  const what = strava ? 'Strava history' : view.sourceLabel === 'File' ? 'files' : `${view.sourceLabel} activities`;
  switch (view.status) {
    case 'queued':
      return <p className="ingest-headline">Import queued — your history will start arriving in a moment.</p>;
    case 'running':
      return <p className="ingest-headline">Importing your {what}…</p>;
    case 'deferred':
      return (
        <p className="ingest-headline">
          {strava ? "Waiting for Strava's rate limit" : 'Waiting to continue'} — resumes{' '}
          {view.resumesAt ? `at ${view.resumesAt}` : 'shortly'}
        </p>
      );
    case 'done':
      return <p className="ingest-headline">{plural(count, 'activity', 'activities')} imported</p>;
    case 'error':
      return (
        <Alert
          tone="error"
          title={`The ${strava ? 'Strava' : view.sourceLabel === 'File' ? 'file' : view.sourceLabel} import stopped`}
          announce={false}
        >
          <p>{view.lastError}</p>
          {strava ? (
            <p>
              <a href={STRAVA_AUTHORIZE_URL}>Reconnect</a> to try again, or see <Link to="/settings/data">Data sources</Link>.
            </p>
          ) : null}
        </Alert>
      );
    default:
      return null;
  }
}

/** After an import, or with activities but no import (files, or Strava since disconnected). */
function Summary({ count, finished }: { count: number; finished: boolean }) {
  return (
    <>
      {finished ? null : <p className="ingest-headline">{plural(count, 'activity', 'activities')} in Cadence</p>}
      {count === 0 ? (
        <p className="ingest-note">There was nothing to import yet. New activities arrive here as you record them.</p>
      ) : count < THIN_HISTORY ? (
        <p className="ingest-note">
          With fewer than a few weeks of activities, fitness and form numbers will be rough at first; they firm up as more training arrives.
        </p>
      ) : null}
    </>
  );
}

function ConnectCard({ strict }: { strict?: boolean }) {
  return (
    <Card
      id="connect"
      title="Connect your training data"
      description="Cadence works only from your own activities. Until some arrive, we show nothing rather than invent numbers."
      className="card-accent"
    >
      <div className="connect-row">
        <StravaConnectButton />
        <Link to="/settings/data">All data sources</Link>
      </div>
      <StravaDataUse strict={strict} />
      <p className="card-footnote">
        Or <Link to="/settings/data#files">upload a Garmin export or FIT, GPX and TCX files</Link>.{' '}
        <Link to="/about#data">How we treat your data</Link>
      </p>
    </Card>
  );
}
