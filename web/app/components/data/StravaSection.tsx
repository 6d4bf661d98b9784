import { Form, Link } from '@remix-run/react';
import { Alert, Badge, Card, LiveRegion, SubmitButton, type BadgeTone } from '../ui';
import { STRAVA_AUTHORIZE_URL, type ImportStatus, type ImportView, type IngestionView, skippedDeletedWords } from '~/utils/ingestion';
import type { DisconnectView } from '~/utils/strava-disconnect.server';
import { ImportProgress } from './ImportProgress';
import { StravaConnectButton, StravaDataUse } from './StravaConnect';

const STATUS: Record<ImportStatus, { label: string; tone: BadgeTone }> = {
  queued: { label: 'Queued', tone: 'info' },
  running: { label: 'Importing', tone: 'info' },
  deferred: { label: 'Waiting', tone: 'warning' },
  paused: { label: 'Paused', tone: 'neutral' },
  done: { label: 'Up to date', tone: 'success' },
  error: { label: 'Stopped', tone: 'danger' },
};

interface Props {
  ingestion: IngestionView;
  /** Activities that disconnecting deletes; null when that can't be counted. */
  stravaOnly: number | null;
  /** While disconnected: what the last disconnect took and kept, and why it happened. */
  lastDisconnect: DisconnectView | null;
  /** The athlete was just sent back from disconnecting: the notice is announced. */
  justDisconnected: boolean;
  formError?: string;
}

export function StravaSection({ ingestion, stravaOnly, lastDisconnect, justDisconnected, formError }: Props) {
  const { connected, athleteId } = ingestion.strava;
  return (
    <Card
      id="strava"
      title="Strava"
      description={
        connected
          ? 'New activities arrive on their own; your history is imported in the background.'
          : 'Connect once; your history is imported and new activities arrive on their own.'
      }
      actions={<Badge tone={connected ? 'success' : 'neutral'}>{connected ? 'Connected' : 'Not connected'}</Badge>}
    >
      {connected ? (
        <>
          <dl className="facts">
            <div>
              <dt>Strava athlete</dt>
              <dd>{athleteId}</dd>
            </div>
            {ingestion.stravaImport ? <ImportFacts view={ingestion.stravaImport} /> : null}
          </dl>
          {ingestion.stravaImport && ingestion.stravaImport.status !== 'queued' && ingestion.stravaImport.status !== 'done' ? (
            <ImportProgress view={ingestion.stravaImport} />
          ) : null}
          <StravaDataUse strict={ingestion.stravaStrict} />
          <DisconnectForm stravaOnly={stravaOnly} formError={formError} />
        </>
      ) : (
        <>
          <LiveRegion>{lastDisconnect ? <LastDisconnect view={lastDisconnect} announce={justDisconnected} /> : null}</LiveRegion>
          <StravaConnectButton />
          <StravaDataUse strict={ingestion.stravaStrict} />
        </>
      )}
    </Card>
  );
}

/** The notification's words, on the day it happened, with the way to keep the history: the athlete's own archive. */
function LastDisconnect({ view, announce }: { view: DisconnectView; announce: boolean }) {
  return (
    <Alert tone={announce ? 'success' : 'info'} title={view.title} announce={false} className="strava-disconnected">
      <p>
        {view.body} <span className="card-text-muted">({view.on})</span>
      </p>
      <p>
        <Link to={view.link}>Upload your Strava archive or files</Link>
      </p>
    </Alert>
  );
}

function ImportFacts({ view }: { view: ImportView }) {
  const { label, tone } = STATUS[view.status];
  return (
    <>
      <div>
        <dt>Import</dt>
        <dd>
          <Badge tone={tone}>{label}</Badge>
        </dd>
      </div>
      {view.status === 'deferred' ? (
        <div>
          <dt>Resumes</dt>
          <dd>{view.resumesAt ? `At ${view.resumesAt}` : 'Shortly'} (Strava's rate limit)</dd>
        </div>
      ) : null}
      {view.skippedDeleted > 0 ? (
        <div className="facts-wide">
          <dt>Deleted</dt>
          <dd>
            {skippedDeletedWords(view.skippedDeleted)} <a href="#deleted-activities">Bring one back</a>
          </dd>
        </div>
      ) : null}
      {view.status === 'error' ? (
        <div className="facts-wide">
          <dt>Last error</dt>
          <dd>
            {view.lastError} <a href={STRAVA_AUTHORIZE_URL}>Reconnect</a>
          </dd>
        </div>
      ) : null}
    </>
  );
}

/** Works without JavaScript: the checkbox is the confirmation, and the server checks it too. */
function DisconnectForm({ stravaOnly, formError }: { stravaOnly: number | null; formError?: string }) {
  const what =
    stravaOnly === null
      ? 'the activities it brought'
      : stravaOnly === 0
        ? 'any activities it brings before then (none so far)'
        : stravaOnly === 1
          ? 'the 1 activity it brought'
          : `the ${stravaOnly} activities it brought`;
  return (
    <Form method="post" className="danger-zone disconnect">
      <input type="hidden" name="intent" value="disconnect" />
      <div className="disconnect-text">
        <p className="danger-zone-title">Disconnect Strava</p>
        <p className="danger-zone-text">
          Revokes Cadence's access at Strava. Activities from your own files stay. You can{' '}
          <Link to="/activities">review your activities</Link> first.
        </p>
        <label className="check">
          <input type="checkbox" name="confirm" value="yes" required aria-describedby={formError ? 'disconnect-error' : undefined} />
          <span>Also deletes {what}</span>
        </label>
        <LiveRegion>
          {formError ? (
            <Alert tone="error" announce={false} className="disconnect-error">
              <span id="disconnect-error">{formError}</span>
            </Alert>
          ) : null}
        </LiveRegion>
      </div>
      <SubmitButton variant="danger" pendingText="Disconnecting…" match={{ intent: 'disconnect' }}>
        Disconnect
      </SubmitButton>
    </Form>
  );
}
