import { Form } from '@remix-run/react';
import { Alert, Badge, Card, LiveRegion, SubmitButton, type BadgeTone } from '../ui';
import { type DoorView, doorWaitingWords, type ImportStatus, skippedDeletedWords } from '~/utils/ingestion';
import { ImportProgress } from './ImportProgress';

const STATUS: Record<ImportStatus, { label: string; tone: BadgeTone }> = {
  queued: { label: 'Waiting for files', tone: 'info' },
  running: { label: 'Receiving', tone: 'info' },
  deferred: { label: 'Waiting', tone: 'warning' },
  paused: { label: 'Paused', tone: 'neutral' },
  done: { label: 'Up to date', tone: 'success' },
  error: { label: 'Stopped', tone: 'danger' },
};

/** What the door's activities may be used for, from its policy row: said before connecting and after. */
export function DoorDataUse({ door }: { door: DoorView }) {
  const feeds = door.uses.aiCoach ? 'They count in your analytics and the AI coach reads them' : 'They count in your analytics';
  const shares = door.uses.shownToOthers ? ', and you may share them with your coach.' : '; only you see them.';
  const after = door.keepsActivitiesOnDisconnect
    ? 'Disconnecting stops new ones; those already here stay, as your own files.'
    : 'Disconnecting deletes them.';
  return (
    <p className="data-use">
      Your activities arrive as the original files your device recorded. {feeds}
      {shares} {after}
    </p>
  );
}

/**
 * One live door (Garmin Connect, …), listed from the registry: connect, how its files are arriving, what needs
 * the athlete, disconnect. The provider's app is named in full, as Garmin's brand guidelines ask.
 */
export function DoorSection({ door, formError }: { door: DoorView; formError?: string }) {
  const needsYou = door.reconnectNeeded || door.sharesActivities === false;
  const waiting = doorWaitingWords(door);
  const files = door.import ? (waiting ? { label: waiting.label, tone: 'info' as const } : STATUS[door.import.status]) : null;
  const badge = !door.connected
    ? { tone: 'neutral' as const, text: 'Not connected' }
    : needsYou
      ? { tone: 'warning' as const, text: 'Needs you' }
      : { tone: 'success' as const, text: 'Connected' };
  return (
    <Card
      id={door.provider}
      title={door.title}
      description={
        door.connected
          ? `New activities arrive on their own each time your device syncs with ${door.label}.`
          : `Sessions from your watch or bike computer arrive on their own after each sync with ${door.label}. ${door.onConnect}`
      }
      actions={<Badge tone={badge.tone}>{badge.text}</Badge>}
    >
      {door.connected ? (
        <>
          {door.reconnectNeeded ? (
            <Alert tone="warning" title={`${door.label} no longer accepts Cadence’s access`} announce={false}>
              <p>
                Nothing new arrives until you <a href={door.authorizeUrl}>connect again</a>.
              </p>
            </Alert>
          ) : door.sharesActivities === false ? (
            <Alert tone="warning" title={`Activity sharing is off in ${door.label}`} announce={false}>
              <p>
                New activities won’t arrive. Turn “Activities” back on for Cadence in {door.label}’s account settings, or{' '}
                <a href={door.authorizeUrl}>connect again</a>.
              </p>
            </Alert>
          ) : null}
          <dl className="facts">
            {door.connectedAt ? (
              <div>
                <dt>Connected since</dt>
                <dd>{door.connectedAt}</dd>
              </div>
            ) : null}
            {door.import ? (
              <>
                <div>
                  <dt>Files</dt>
                  <dd>{files ? <Badge tone={files.tone}>{files.label}</Badge> : null}</dd>
                </div>
                <div>
                  <dt>Received</dt>
                  <dd>{door.import.done === 1 ? '1 activity' : `${door.import.done} activities`}</dd>
                </div>
                {door.import.skippedDeleted > 0 ? (
                  <div className="facts-wide">
                    <dt>Deleted</dt>
                    <dd>
                      {skippedDeletedWords(door.import.skippedDeleted)} <a href="#deleted-activities">Bring one back</a>
                    </dd>
                  </div>
                ) : null}
                {door.import.status === 'error' ? (
                  <div className="facts-wide">
                    <dt>Last error</dt>
                    <dd>{door.import.lastError}</dd>
                  </div>
                ) : null}
              </>
            ) : null}
          </dl>
          {door.import && waiting ? <p className="card-text card-text-muted">{waiting.text}</p> : null}
          {door.import && (door.import.status === 'running' || door.import.status === 'deferred') ? (
            <ImportProgress view={door.import} />
          ) : null}
          <DoorDataUse door={door} />
          <Form method="post" className="danger-zone disconnect">
            <input type="hidden" name="intent" value="disconnect-door" />
            <input type="hidden" name="provider" value={door.provider} />
            <div className="disconnect-text">
              <p className="danger-zone-title">Disconnect {door.label}</p>
              <p className="danger-zone-text">
                Ends Cadence’s access at {door.label}: nothing new arrives.{' '}
                {door.keepsActivitiesOnDisconnect ? 'The activities it brought stay.' : 'The activities it brought are deleted.'}
              </p>
              <LiveRegion>
                {formError ? (
                  <Alert tone="error" announce={false} className="disconnect-error">
                    {formError}
                  </Alert>
                ) : null}
              </LiveRegion>
            </div>
            <SubmitButton variant="danger" pendingText="Disconnecting…" match={{ intent: 'disconnect-door', provider: door.provider }}>
              Disconnect
            </SubmitButton>
          </Form>
        </>
      ) : (
        <>
          <div className="connect-row">
            <a href={door.authorizeUrl} className="btn btn-primary">
              Connect to {door.label}
            </a>
          </div>
          <DoorDataUse door={door} />
        </>
      )}
    </Card>
  );
}
