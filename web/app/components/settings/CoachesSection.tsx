import { Form } from '@remix-run/react';
import { Badge, Card, ResultNotice, SubmitButton } from '../ui';

export interface CoachLinkView {
  id: string;
  status: 'pending' | 'accepted';
  orgName: string;
  requestedBy: string | null;
  /** When they asked (pending) or when you agreed (accepted), in your time zone. */
  date: string;
}

function LinkAction({
  id,
  verb,
  label,
  pending,
  variant,
}: {
  id: string;
  verb: 'accept' | 'decline' | 'revoke';
  label: string;
  pending: string;
  variant?: 'secondary' | 'danger';
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="coach-link" />
      <input type="hidden" name="linkId" value={id} />
      <SubmitButton
        name="verb"
        value={verb}
        size="sm"
        variant={variant}
        pendingText={pending}
        match={{ intent: 'coach-link', linkId: id, verb }}
      >
        {label}
      </SubmitButton>
    </Form>
  );
}

/** Coaching businesses that asked to see your training, and those you share it with (stop any time). */
export function CoachesSection({
  links,
  result,
}: {
  links: CoachLinkView[];
  result?: { ok: boolean; message?: string; formError?: string };
}) {
  return (
    <Card
      id="coaches"
      title="Coaches"
      description="A coach you share with sees your fitness, weekly volume and recent activities, except those from Strava, which only you can see. Stop sharing whenever you like."
    >
      <ResultNotice result={result} />
      {links.length === 0 ? (
        <p className="coaches-empty">No coach has asked to see your training. When one does, you decide here.</p>
      ) : (
        <ul className="session-list coaches-list">
          {links.map((l) => (
            <li key={l.id} className="session">
              <div className="session-info">
                <p className="session-device">
                  {l.orgName}{' '}
                  {l.status === 'accepted' ? <Badge tone="success">Sharing</Badge> : <Badge tone="info">Asks to see your training</Badge>}
                </p>
                <p className="session-meta">
                  {l.status === 'accepted' ? `Sharing since ${l.date}` : `Asked on ${l.date}`}
                  {l.requestedBy ? ` by ${l.requestedBy}` : ''}
                </p>
              </div>
              <div className="coaches-actions">
                {l.status === 'pending' ? (
                  <>
                    <LinkAction id={l.id} verb="accept" label="Share my training" pending="Sharing…" />
                    <LinkAction id={l.id} verb="decline" label="Decline" pending="Declining…" variant="secondary" />
                  </>
                ) : (
                  <LinkAction id={l.id} verb="revoke" label="Stop sharing" pending="Stopping…" variant="secondary" />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
