import { useFetcher } from '@remix-run/react';
import { useState } from 'react';
import { Button, Card, Field, FormError } from '../ui';

interface Props {
  user: { id: string; displayName: string };
}

type StartFailure = { intent?: string; formError?: string; fieldErrors?: Record<string, string>; values?: { reason: string } };

/**
 * Owner-only "View as" on an athlete's page: a reason, then a second step that names the target before
 * anything starts. Posts to /impersonation, which lands on the athlete's Home with the banner.
 */
export function ImpersonateCard({ user }: Props) {
  // A fetcher keeps a refusal next to the form; a success redirects the whole app to the athlete's Home.
  const fetcher = useFetcher<StartFailure>();
  const mine = fetcher.data?.intent === 'start' ? fetcher.data : undefined;
  const [reason, setReason] = useState(mine?.values?.reason ?? '');
  const [confirming, setConfirming] = useState(false);
  return (
    <Card title={`View as ${user.displayName}`} className="impersonate-card">
      <p className="impersonate-card-hint">
        For up to 30 minutes you see Cadence exactly as they do. Every request is audited with your name; passwords, sessions, billing,
        exports and connections stay theirs alone.
      </p>
      <fetcher.Form method="post" action="/impersonation" className="impersonate-card-form">
        <input type="hidden" name="intent" value="start" />
        <input type="hidden" name="userId" value={user.id} />
        <FormError message={mine?.formError} />
        <Field
          label="Reason"
          name="reason"
          required
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={mine?.fieldErrors?.reason}
          hint="Recorded in the audit log (1–500 characters)."
        />
        {confirming ? (
          <div className="impersonate-card-confirm" role="group" aria-label="Confirm impersonation">
            <p>
              Act as <strong>{user.displayName}</strong> for 30 minutes?
            </p>
            <Button type="submit" variant="danger" disabled={fetcher.state !== 'idle'}>
              {fetcher.state !== 'idle' ? 'Starting…' : `View as ${user.displayName}`}
            </Button>{' '}
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        ) : (
          <>
            {/* Without JavaScript the first button submits at once; its label still names the target. */}
            <noscript>
              <Button type="submit" variant="danger">
                View as {user.displayName}
              </Button>
            </noscript>
            <Button variant="secondary" disabled={reason.trim() === ''} onClick={() => setConfirming(true)}>
              Continue
            </Button>
          </>
        )}
      </fetcher.Form>
    </Card>
  );
}
