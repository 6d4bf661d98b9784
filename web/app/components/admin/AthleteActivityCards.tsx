import { Badge, Card } from '~/components/ui';
import type { AthleteDetail } from '../../../../worker/features/support/support.schema';
import { Facts, None, StatusBadge, When } from './SupportFacts';

type Props = { detail: AthleteDetail; tz: string };

export function CoachingCard({ detail, tz }: Props) {
  const { org, links } = detail.coaching;
  return (
    <Card id="coaching" title="Coach links" className="support-card">
      {org ? (
        <p>
          Works in {org.name} as {org.role}.
        </p>
      ) : null}
      {links.length === 0 ? (
        <None>Not linked to any coach.</None>
      ) : (
        <ul className="support-list">
          {links.map((l) => (
            <li key={l.id} className="support-item">
              <p className="support-item-head">
                <strong>{l.orgName}</strong>
                <StatusBadge status={l.status} />
                {l.planEdit ? <Badge tone="info">May edit plan</Badge> : null}
              </p>
              <Facts
                items={[
                  ['Asked by', l.requestedBy ?? '—'],
                  ['Since', <When key="s" at={l.createdAt} tz={tz} />],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function AuditCard({ detail, tz }: Props) {
  return (
    <Card id="audit" title="Recent audit events" description="About them or by them, newest first (20)." className="support-card">
      {detail.audit.length === 0 ? (
        <None>No audit events.</None>
      ) : (
        <ul className="support-list">
          {detail.audit.map((e) => (
            <li key={e.id} className="support-item">
              <p className="support-item-head">
                <span className="support-mono">{e.action}</span>
                <Badge tone="neutral">{e.about === 'target' ? 'about them' : 'by them'}</Badge>
              </p>
              <Facts
                items={[
                  ['When', <When key="w" at={e.createdAt} tz={tz} />],
                  ['Actor', e.actorId ? `${e.actorRole ?? 'user'} ${e.actorId.slice(0, 8)}` : 'system'],
                  ['Reason', e.reason ?? '—'],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function NotificationsCard({ detail, tz }: Props) {
  return (
    <Card id="notifications" title="Notifications sent" description="In-app, newest first (20)." className="support-card">
      {detail.notifications.length === 0 ? (
        <None>None sent.</None>
      ) : (
        <ul className="support-list">
          {detail.notifications.map((n) => (
            <li key={n.id} className="support-item support-item-row">
              <span>{n.title}</span>
              <span className="support-muted">
                {n.kind} · <When at={n.createdAt} tz={tz} /> · {n.read ? 'read' : 'unread'}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="support-subhead">Push devices</h3>
      {detail.pushDevices.length === 0 ? (
        <None>No device has push on.</None>
      ) : (
        <ul className="support-list" id="push-devices">
          {detail.pushDevices.map((d) => (
            <li key={d.id} className="support-item support-item-row">
              <span>
                {d.label ?? 'Unnamed device'}
                {d.retiredAt ? ' (retired)' : ''}
              </span>
              <span className="support-muted">
                last success {d.lastSuccessAt ? <When at={d.lastSuccessAt} tz={tz} /> : 'never'} · last error{' '}
                {d.lastErrorAt ? (
                  <>
                    {d.lastErrorCode} at <When at={d.lastErrorAt} tz={tz} />
                  </>
                ) : (
                  'none'
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function AiCoachCard({ detail }: { detail: AthleteDetail }) {
  const c = detail.aiCoach;
  const outcomes = Object.entries(c.proposals);
  return (
    <Card id="ai-coach" title="AI coach" className="support-card">
      <Facts
        items={[
          ['Conversations', c.conversations],
          ['Model calls this month', c.monthCalls],
          ['Cost this month', `$${c.monthCostUsd.toFixed(4)}`],
          ['Proposals', outcomes.length ? outcomes.map(([s, n]) => `${n} ${s}`).join(', ') : 'None'],
        ]}
      />
    </Card>
  );
}
