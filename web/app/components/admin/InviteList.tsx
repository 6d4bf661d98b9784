import { Form } from '@remix-run/react';
import { Badge, EmptyState, Icon, SubmitButton, type BadgeTone } from '../ui';
import { CopyField } from './CopyField';

export interface InviteView {
  id: string;
  code: string;
  note: string | null;
  status: 'active' | 'used_up' | 'expired' | 'revoked';
  uses: number;
  maxUses: number;
  expires: string | null;
  created: string;
  link: string;
}

const STATUS: Record<InviteView['status'], { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  used_up: { label: 'Used up', tone: 'neutral' },
  expired: { label: 'Expired', tone: 'warning' },
  revoked: { label: 'Revoked', tone: 'danger' },
};

function InviteItem({ invite }: { invite: InviteView }) {
  const status = STATUS[invite.status];
  return (
    <li className="invite">
      <div className="invite-head">
        <p className="invite-code">{invite.code}</p>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      {invite.note ? <p className="invite-note">{invite.note}</p> : null}
      <dl className="invite-facts">
        <div>
          <dt>Uses</dt>
          <dd>
            {invite.uses} / {invite.maxUses}
          </dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd>{invite.expires ?? 'Never'}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{invite.created}</dd>
        </div>
      </dl>
      {invite.status === 'active' ? (
        <div className="invite-actions">
          <CopyField label={`Signup link for ${invite.code}`} value={invite.link}>
            <Form method="post">
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="id" value={invite.id} />
              <SubmitButton
                variant="danger-quiet"
                size="sm"
                pendingText="Revoking…"
                match={{ intent: 'revoke', id: invite.id }}
                aria-label={`Revoke invite ${invite.code}`}
              >
                Revoke
              </SubmitButton>
            </Form>
          </CopyField>
        </div>
      ) : null}
    </li>
  );
}

export function InviteList({ invites }: { invites: InviteView[] }) {
  if (!invites.length) {
    return (
      <EmptyState icon={<Icon name="ticket" />} title="No invites yet" level={3}>
        <p>Create one to let someone sign up. Each invite has a code and a ready-made signup link.</p>
      </EmptyState>
    );
  }
  return (
    <ul className="invite-list">
      {invites.map((i) => (
        <InviteItem key={i.id} invite={i} />
      ))}
    </ul>
  );
}
