import { Link } from '@remix-run/react';
import { Badge, Card } from '~/components/ui';
import type { PulseSection as Section } from '../../../../../worker/features/ops-pulse';
import { PulseFixForm } from './PulseFixForm';

const COUNT_LABELS: Record<string, string> = {
  stuck: 'stuck',
  queued: 'queued',
  running: 'running',
  deferred: 'deferred',
  paused: 'held by the brake',
  lastHour: 'last hour',
  lastDay: 'last 24 h',
  athletes: 'athletes in error',
  failedLastHour: 'failed, last hour',
  failedLastDay: 'failed, last 24 h',
  nothingLastDay: 'imported nothing, last 24 h',
  retrying: 'retrying',
  failedForGood: 'no retries left',
  unresolved: 'unresolved',
  waiting: 'waiting > 15 min',
  backlog: 'backlog',
  deadLetter: 'dead-letter',
  partialLastHour: 'partial, last hour',
  partialLastDay: 'partial, last 24 h',
  fallbackLastHour: 'fallbacks, last hour',
  fallbackLastDay: 'fallbacks, last 24 h',
  llmErrorsLastHour: 'model errors, last hour',
  llmErrorsLastDay: 'model errors, last 24 h',
  deletionsScheduled: 'deletions in grace',
  deletionsRunning: 'deletions running',
  deletionsFailed: 'deletions failed',
  orphans: 'orphans found',
  onNewestKey: 'on the newest key',
  onOlderKeys: 'waiting for re-encryption',
  onRetiredKeys: 'on removed keys',
};

const EMPTY: Record<Section['key'], string> = {
  stuck: 'Nothing stuck.',
  deferred: 'Nobody waiting: no athlete is deferred by the rate budget or held by the brake.',
  ingestion_errors: 'No ingestion errors in the last 24 hours.',
  imports: 'No failed imports, and none that brought nothing in, in the last 24 hours.',
  queues: 'No queues.',
  sms: 'No failed SMS in the last 24 hours.',
  email: 'No failed notification email in the last 24 hours.',
  automations: 'No failed automation runs in the last 24 hours.',
  stripe: 'Every Stripe event is resolved.',
  webhooks: 'No webhook rejections recorded in the last 24 hours.',
  ai_coach: 'No failed or partial coach turns in the last 24 hours.',
  privacy: 'No orphans: nothing names a deleted account.',
  token_keys: 'Every provider token is sealed with the newest key.',
};

const ALARM_COUNTS = new Set([
  'orphans',
  'deletionsFailed',
  'stuck',
  'athletes',
  'failedLastHour',
  'unresolved',
  'waiting',
  'failedForGood',
  'lastHour',
  'deadLetter',
  'onRetiredKeys',
]);

function when(iso: string | null, tz: string) {
  if (!iso) return null;
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** One pulse section: its counts, its breakdown by cause, and each row with the button that fixes it. */
export function PulseSection({ section, allowed, tz }: { section: Section; allowed: Record<string, boolean>; tz: string }) {
  const counts = Object.entries(section.counts);
  const quiet = section.rows.length === 0 && section.causes.length === 0;
  return (
    <Card id={`pulse-${section.key}`} title={section.title} className="pulse-section">
      <dl className="pulse-counts">
        {counts.map(([k, v]) => (
          <div key={k} className="pulse-count">
            <dt>{COUNT_LABELS[k] ?? k}</dt>
            <dd>{v > 0 && ALARM_COUNTS.has(k) ? <Badge tone="danger">{v}</Badge> : v}</dd>
          </div>
        ))}
      </dl>
      {section.causes.length > 0 ? (
        <table className="pulse-causes">
          <caption className="visually-hidden">{section.title} by cause</caption>
          <thead>
            <tr>
              <th scope="col">Cause</th>
              <th scope="col">1 h</th>
              <th scope="col">24 h</th>
            </tr>
          </thead>
          <tbody>
            {section.causes.map((c) => (
              <tr key={c.cause}>
                <td>{c.cause}</td>
                <td>{c.lastHour}</td>
                <td>{c.lastDay}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {quiet ? <p className="pulse-empty">{EMPTY[section.key]}</p> : null}
      {section.rows.length > 0 ? (
        <ul className="pulse-rows">
          {section.rows.map((row) => (
            <li key={row.id} className="pulse-row">
              <div className="pulse-row-head">
                <p className="pulse-row-label">{row.label}</p>
                {row.at ? <time dateTime={row.at}>{when(row.at, tz)}</time> : null}
              </div>
              <p className="pulse-row-detail">{row.detail}</p>
              {row.userId ? (
                <p className="pulse-row-link">
                  <Link to={`/admin/athletes/${row.userId}`}>{row.orgId ? 'Org owner' : 'Athlete'} →</Link>
                </p>
              ) : null}
              <PulseFixForm row={row} allowed={allowed} />
            </li>
          ))}
        </ul>
      ) : null}
      {section.note ? <p className="pulse-note">{section.note}</p> : null}
    </Card>
  );
}
