import { Form } from '@remix-run/react';
import type { DeletedActivityView } from '~/utils/tombstones.server';
import { Alert, Card, LiveRegion, SubmitButton } from '../ui';

/**
 * Settings → Data: activities the athlete deleted that Strava or a live door will not bring back (ADR 068). Only
 * the provider's id is kept; bringing one back lets the provider's next delivery store it again.
 */
export function DeletedActivitiesCard({ rows, formError }: { rows: DeletedActivityView[]; formError?: string }) {
  if (rows.length === 0) return null;
  return (
    <Card
      id="deleted-activities"
      title="Deleted activities"
      description="Activities you deleted stay deleted: when Strava or a connected device sends one again, it is not re-imported. We keep only the provider's id for this."
    >
      <LiveRegion>
        {formError ? (
          <Alert tone="error" announce={false}>
            {formError}
          </Alert>
        ) : null}
      </LiveRegion>
      <ul className="deleted-activities">
        {rows.map((r) => (
          <li key={`${r.source}-${r.externalId}`} className="deleted-activity">
            <span>
              <strong>{r.provider}</strong> activity {r.externalId}, deleted {r.deletedOn}
              {r.skipped > 0 ? ` · sent again ${r.skipped === 1 ? 'once' : `${r.skipped} times`}, not re-imported` : ''}
            </span>
            <Form method="post">
              <input type="hidden" name="intent" value="bring-back" />
              <input type="hidden" name="source" value={r.source} />
              <input type="hidden" name="externalId" value={r.externalId} />
              <SubmitButton variant="secondary" pendingText="Allowing…" match={{ intent: 'bring-back', externalId: r.externalId }}>
                Bring back
              </SubmitButton>
            </Form>
          </li>
        ))}
      </ul>
      <p className="card-footnote">
        It comes back with {rows.some((r) => r.source === 'strava') ? "Strava's" : 'the'} next sync. You can also upload its file at any
        time.
      </p>
    </Card>
  );
}
