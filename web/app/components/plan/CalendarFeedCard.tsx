import { useEffect, useRef, useState } from 'react';
import { CopyField } from '~/components/admin/CopyField';
import { api, useCardAction, useResource } from '~/components/coach/api';
import { SectionCard } from '~/components/coach/SectionCard';
import { UpgradePrompt } from '~/components/membership/UpgradePrompt';
import { Alert, Button, FormError, SuccessNotice } from '~/components/ui';
import { formatDate } from '~/utils/format';

interface FeedStatus {
  active: boolean;
  createdAt: string | null;
}

const FEED = '/api/v1/plans/feed';

/**
 * Settings → Training: the plan as a calendar subscription. The secret URL is shown once, right after
 * it is made (the server keeps only its hash); "New link" replaces it, "Turn off" ends it. Free
 * athletes see the upgrade prompt, and can still turn off a link left from their Pro days.
 */
export function CalendarFeedCard({ entitled, timeZone }: { entitled: boolean; timeZone: string }) {
  const status = useResource<FeedStatus>(FEED);
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<'rotate' | 'off' | null>(null);
  // The button pressed goes away: focus follows to what replaced it (the new link, the question).
  const linkRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (url) linkRef.current?.focus();
  }, [url]);
  useEffect(() => {
    if (confirming) confirmRef.current?.querySelector('button')?.focus();
  }, [confirming]);

  const { busy, error, notice, run } = useCardAction(() => {
    setConfirming(null);
    status.reload();
  });
  const create = () => run(async () => setUrl((await api<{ url: string }>(FEED, { method: 'POST' })).url), null);
  const turnOff = () =>
    run(async () => {
      await api(FEED, { method: 'DELETE' });
      setUrl(null);
    }, 'Calendar feed turned off. Calendars subscribed to it stop updating.');

  return (
    <SectionCard
      id="calendar-feed"
      title="Calendar feed"
      description="Your plan’s workouts in Google Calendar, Apple Calendar or Outlook, kept up to date as the plan changes."
      resource={status}
      noun="calendar feed"
      skeletonRows={2}
    >
      {(feed) => (
        <div className="calendar-feed">
          <SuccessNotice message={notice} />
          <FormError message={error} />
          {!entitled ? (
            <UpgradePrompt feature="exports" name="The calendar feed">
              <p>Subscribe to your plan from any calendar app: each workout on its day, updated when you move or skip one.</p>
            </UpgradePrompt>
          ) : null}
          {url ? (
            <div className="calendar-feed" ref={linkRef} tabIndex={-1}>
              <Alert tone="info" title="Your private feed link" announce={false}>
                <p>Copy it now: for your privacy it is not shown again. Anyone with the link can see your workouts.</p>
              </Alert>
              <CopyField label="Calendar feed link" value={url} />
              <ul className="feed-howto">
                <li>
                  <strong>Google Calendar:</strong> Other calendars → + → From URL, paste the link.
                </li>
                <li>
                  <strong>Apple Calendar:</strong> File → New Calendar Subscription (iPhone: Settings → Calendar → Accounts → Add Subscribed
                  Calendar).
                </li>
                <li>
                  <strong>Outlook:</strong> Add calendar → Subscribe from web, paste the link.
                </li>
              </ul>
            </div>
          ) : feed.active ? (
            <p className="muted">
              {entitled
                ? `On since ${formatDate(feed.createdAt!, timeZone)}. The link was shown when it was made; make a new one if you need it again.`
                : 'Your feed from your Pro days is paused: calendars subscribed to it stop updating until you are on Pro again.'}
            </p>
          ) : entitled ? (
            <p className="muted">Off. Make a private link and subscribe to it from your calendar app.</p>
          ) : null}
          {confirming ? (
            <Alert tone="warning" title={confirming === 'off' ? 'Turn the calendar feed off?' : 'Make a new link?'}>
              <p>
                {confirming === 'off'
                  ? 'Calendars subscribed to it stop updating, and the link stops working.'
                  : 'The current link stops working: calendars subscribed to it need the new one.'}
              </p>
              <p className="form-actions" ref={confirmRef}>
                <Button variant="danger" size="sm" disabled={busy} onClick={() => void (confirming === 'off' ? turnOff() : create())}>
                  {busy ? 'Working…' : confirming === 'off' ? 'Turn off' : 'Make a new link'}
                </Button>
                <Button variant="secondary" size="sm" disabled={busy} onClick={() => setConfirming(null)}>
                  Cancel
                </Button>
              </p>
            </Alert>
          ) : (
            <p className="form-actions">
              {entitled && !feed.active && !url ? (
                <Button size="sm" disabled={busy} onClick={() => void create()}>
                  {busy ? 'Creating…' : 'Create link'}
                </Button>
              ) : null}
              {entitled && (feed.active || url) ? (
                <Button variant="secondary" size="sm" disabled={busy} onClick={() => setConfirming('rotate')}>
                  New link
                </Button>
              ) : null}
              {feed.active || url ? (
                <Button variant="danger-quiet" size="sm" disabled={busy} onClick={() => setConfirming('off')}>
                  Turn off
                </Button>
              ) : null}
            </p>
          )}
        </div>
      )}
    </SectionCard>
  );
}
