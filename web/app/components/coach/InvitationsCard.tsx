import { Form } from '@remix-run/react';
import { Card, FormError, SubmitButton } from '~/components/ui';
import { formatDate } from '~/utils/format';

export interface Invitation {
  id: string;
  orgName: string;
  invitedBy: string | null;
  createdAt: string;
}

/** A coach without an org: the businesses that invited them, to join instead of creating their own. */
export function InvitationsCard({
  invitations,
  timeZone,
  error,
}: {
  invitations: Invitation[];
  timeZone: string;
  error?: string | undefined;
}) {
  if (invitations.length === 0) return null;
  return (
    <Card
      id="invitations"
      title="You’re invited"
      description="Join a coaching business as one of its coaches: you will see its clients and calendar."
    >
      <FormError message={error} />
      <ul className="coach-list">
        {invitations.map((i) => (
          <li key={i.id} className="coach-list-item">
            <div className="coach-list-main">
              <p className="coach-list-title">{i.orgName}</p>
              <p className="coach-list-meta">
                {i.invitedBy ? `From ${i.invitedBy} · ` : ''}
                {formatDate(i.createdAt, timeZone)}
              </p>
            </div>
            <Form method="post" action="/coach" className="team-actions">
              <input type="hidden" name="inviteId" value={i.id} />
              <SubmitButton name="intent" value="accept-invite" pendingText="Joining…" match={{ intent: 'accept-invite', inviteId: i.id }}>
                Join {i.orgName}
              </SubmitButton>
              <SubmitButton
                name="intent"
                value="decline-invite"
                variant="secondary"
                pendingText="Declining…"
                match={{ intent: 'decline-invite', inviteId: i.id }}
              >
                Decline
              </SubmitButton>
            </Form>
          </li>
        ))}
      </ul>
    </Card>
  );
}
