import { Badge } from '~/components/ui';
import type { AthleteDetail } from '../../../../worker/features/support/support.schema';

/** The top of the athlete page: status badges, who they are, and who is stuck and why (worst first). */
export function AthleteSummary({ detail }: { detail: AthleteDetail }) {
  const { profile, access, membership, issues } = detail;
  return (
    <section className="support-summary" aria-labelledby="support-summary-title">
      <div className="support-summary-head">
        <h2 id="support-summary-title" className="support-summary-name">
          Status
        </h2>
        <div className="support-summary-badges">
          <Badge tone={access.role === 'athlete' ? 'neutral' : 'info'}>{access.role}</Badge>
          <Badge tone={membership.tier === 'free' ? 'neutral' : 'success'}>{membership.tier}</Badge>
          {access.blocked ? <Badge tone="danger">Blocked</Badge> : null}
          {detail.integrations.some((i) => i.tokenExpired) ? <Badge tone="warning">Token expired</Badge> : null}
          {issues.some((i) => i.code === 'ingestion_error' || i.code === 'jobs_failed') ? (
            <Badge tone="danger">Ingestion error</Badge>
          ) : null}
        </div>
      </div>
      <p className="support-summary-sub">
        {profile.email} · <span className="support-mono">{profile.id}</span>
      </p>
      {issues.length === 0 ? (
        <p className="support-verdict support-verdict-ok">Nothing is stuck: no errors, blocks or expired connections.</p>
      ) : (
        <div className="support-verdict">
          <p className="support-verdict-title">
            {issues.length === 1 ? 'One thing needs attention' : `${issues.length} things need attention`}:
          </p>
          <ul className="support-issues">
            {issues.map((i) => (
              <li key={`${i.code}-${i.message}`} className={`support-issue support-issue-${i.severity}`}>
                {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
