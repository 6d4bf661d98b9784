import { Link } from '@remix-run/react';
import { Badge } from '~/components/ui';

export interface AthleteResultRow {
  id: string;
  displayName: string;
  email: string;
  role: string;
  tier: string;
  created: string;
  lastSeen: string | null;
  blocked: boolean;
}

/** Search results as a list of rows that reflow into cards below 800 px (usable at 360 px). */
export function AthleteResults({ rows }: { rows: AthleteResultRow[] }) {
  return (
    <ol className="support-results" aria-label="Matching accounts">
      <li className="support-result support-result-head" aria-hidden="true">
        <span>Athlete</span>
        <span>Role · tier</span>
        <span>Created</span>
        <span>Last seen</span>
      </li>
      {rows.map((r) => (
        <li key={r.id} className="support-result">
          <div className="support-result-who">
            <Link to={`/admin/athletes/${r.id}`} className="support-result-name">
              {r.displayName}
            </Link>
            <span className="support-result-email">{r.email}</span>
            <span className="support-result-id">{r.id}</span>
          </div>
          <div className="support-result-badges">
            <Badge tone={r.role === 'athlete' ? 'neutral' : 'info'}>{r.role}</Badge>
            <Badge tone={r.tier === 'free' ? 'neutral' : 'success'}>{r.tier}</Badge>
            {r.blocked ? <Badge tone="danger">Blocked</Badge> : null}
          </div>
          <p className="support-result-fact">
            <span className="support-result-label">Created </span>
            {r.created}
          </p>
          <p className="support-result-fact">
            <span className="support-result-label">Last seen </span>
            {r.lastSeen ?? 'Never'}
          </p>
        </li>
      ))}
    </ol>
  );
}
