import { Form } from '@remix-run/react';
import { UpgradePrompt } from '~/components/membership/UpgradePrompt';
import { Badge, Card, Field, FormError, SubmitButton } from '~/components/ui';

export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  role: 'owner' | 'coach';
  you: boolean;
}

export interface TeamInvite {
  id: string;
  email: string;
}

export interface TeamResult {
  intent: 'team';
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  formError?: string | undefined;
  email?: string;
}

/**
 * The org's coaches and pending invitations; the owner invites by email, cancels and removes. Seats
 * are part of Team: without it the invite form gives way to an upgrade prompt (existing staff stay).
 */
export function TeamCard({
  members,
  invites,
  canEdit,
  result,
  seats,
}: {
  members: TeamMember[];
  invites: TeamInvite[];
  canEdit: boolean;
  result?: TeamResult | undefined;
  /** The Team plan's seats, or null when the org is not on Team. */
  seats: number | null;
}) {
  const used = members.length + invites.length;
  return (
    <Card
      id="team"
      title="Team"
      description={
        canEdit
          ? 'Coaches who work in your business see its clients and calendar. Only you change its settings and team.'
          : 'The coaches of this business. Its owner manages the team.'
      }
    >
      <ul className="coach-list">
        {members.map((p) => (
          <li key={p.userId} className="coach-list-item">
            <div className="coach-list-main">
              <p className="coach-list-title">
                {p.name}
                {p.you ? ' (you)' : ''}
              </p>
              <p className="coach-list-meta">{p.email}</p>
            </div>
            <div className="team-actions">
              <Badge tone={p.role === 'owner' ? 'info' : 'neutral'}>{p.role === 'owner' ? 'Owner' : 'Coach'}</Badge>
              {canEdit && p.role !== 'owner' ? (
                <Form method="post">
                  <input type="hidden" name="userId" value={p.userId} />
                  <SubmitButton
                    name="intent"
                    value="team-remove"
                    variant="danger-quiet"
                    size="sm"
                    pendingText="Removing…"
                    match={{ intent: 'team-remove', userId: p.userId }}
                    aria-label={`Remove ${p.name} from the team`}
                  >
                    Remove
                  </SubmitButton>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
        {invites.map((i) => (
          <li key={i.id} className="coach-list-item">
            <div className="coach-list-main">
              <p className="coach-list-title">{i.email}</p>
              <p className="coach-list-meta">Invited — they join when they accept, signed in with this email.</p>
            </div>
            <div className="team-actions">
              <Badge tone="warning">Pending</Badge>
              {canEdit ? (
                <Form method="post">
                  <input type="hidden" name="inviteId" value={i.id} />
                  <SubmitButton
                    name="intent"
                    value="team-cancel"
                    variant="secondary"
                    size="sm"
                    pendingText="Cancelling…"
                    match={{ intent: 'team-cancel', inviteId: i.id }}
                    aria-label={`Cancel the invitation to ${i.email}`}
                  >
                    Cancel
                  </SubmitButton>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {seats !== null ? (
        <p className="team-seats">
          {used} of {seats} seats used{used >= seats ? ' — cancel an invitation or remove a coach to invite someone else.' : '.'}
        </p>
      ) : null}
      {canEdit && seats === null ? (
        <UpgradePrompt feature="staff_seats" name="Staff coaches" plural>
          <p>Invite coaches to work in your business with the Team plan. Coaches already here keep working.</p>
        </UpgradePrompt>
      ) : canEdit && used < (seats ?? 0) ? (
        // A new invitation (the list grew) starts the form afresh; a refused one keeps what was typed.
        <Form key={invites.length} method="post" className="form team-invite" noValidate>
          <FormError message={result && !result.ok ? result.formError : undefined} />
          <Field
            label="Invite a coach"
            name="email"
            type="email"
            autoComplete="off"
            defaultValue={result && !result.ok ? result.email : undefined}
            error={result?.fieldErrors?.email}
            hint="They get an invitation in Cadence (or see it when they sign up with this email)."
          />
          <div className="sms-template-actions">
            <SubmitButton name="intent" value="team-invite" pendingText="Inviting…" match={{ intent: 'team-invite' }}>
              Send invitation
            </SubmitButton>
            {result?.ok && result.message ? (
              <span className="sms-saved" role="status">
                {result.message}
              </span>
            ) : null}
          </div>
        </Form>
      ) : null}
    </Card>
  );
}
