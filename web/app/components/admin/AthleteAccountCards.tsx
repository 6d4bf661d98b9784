import { Badge, Card } from '~/components/ui';
import type { AthleteDetail } from '../../../../worker/features/support/support.schema';
import { Facts, None, When } from './SupportFacts';

type Props = { detail: AthleteDetail; tz: string };

export function ProfileCard({ detail, tz }: Props) {
  const p = detail.profile;
  return (
    <Card id="profile" title="Profile" className="support-card">
      <Facts
        items={[
          ['Name', p.displayName],
          ['Email', p.email],
          ['Units', p.units],
          ['Time zone', p.timeZone],
          ['Birth year', p.birthYear ?? '—'],
          ['Created', <When key="c" at={p.createdAt} tz={tz} />],
          ['Last seen', <When key="l" at={p.lastSeenAt} tz={tz} />],
        ]}
      />
    </Card>
  );
}

export function AccessCard({ detail, tz }: Props) {
  const a = detail.access;
  return (
    <Card id="access" title="Access" description="Role, explicit permissions and the account's locks." className="support-card">
      <Facts
        items={[
          ['Role', a.role],
          [
            'Permissions',
            a.role === 'owner' ? 'All (owner)' : a.permissions.length ? a.permissions.map((p) => p.permission).join(', ') : 'None',
          ],
          [
            'Blocked',
            a.blocked ? (
              <span key="b">
                <Badge tone="danger">Blocked</Badge> since <When at={a.blocked.at} tz={tz} />
                {a.blocked.reason ? ` — ${a.blocked.reason}` : ''}
              </span>
            ) : (
              'No'
            ),
          ],
          [
            'Must change password',
            a.mustChangePassword ? (
              <Badge key="m" tone="warning">
                Yes
              </Badge>
            ) : (
              'No'
            ),
          ],
        ]}
      />
    </Card>
  );
}

export function SessionsCard({ detail, tz }: Props) {
  const sessions = detail.sessions;
  return (
    <Card id="sessions" title="Sessions" description={`${sessions.length} live`} className="support-card">
      {sessions.length === 0 ? (
        <None>No live sessions.</None>
      ) : (
        <ul className="support-list">
          {sessions.map((s) => (
            <li key={s.id} className="support-item">
              <p className="support-item-head">
                <strong>{s.device}</strong>
                {s.impersonation ? <Badge tone="warning">Impersonation</Badge> : null}
              </p>
              <Facts
                items={[
                  ['Created', <When key="c" at={s.createdAt} tz={tz} />],
                  ['Last seen', <When key="l" at={s.lastSeenAt} tz={tz} />],
                  ['Expires', <When key="e" at={s.expiresAt} tz={tz} />],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
