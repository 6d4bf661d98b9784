import { Badge, Card } from '~/components/ui';
import type { AthleteDetail } from '../../../../worker/features/support/support.schema';
import { Facts, None, StatusBadge, When } from './SupportFacts';

type Props = { detail: AthleteDetail; tz: string };

export function IntegrationsCard({ detail, tz }: Props) {
  return (
    <Card
      id="integrations"
      title="Integrations"
      description="Provider connections, token expiry, scopes and the last webhook."
      className="support-card"
    >
      {detail.integrations.length === 0 ? (
        <None>No provider connected.</None>
      ) : (
        <ul className="support-list">
          {detail.integrations.map((i) => (
            <li key={i.provider} className="support-item">
              <p className="support-item-head">
                <strong className="support-cap">{i.provider}</strong>
                {i.tokenExpired ? <Badge tone="warning">Token expired</Badge> : <Badge tone="success">Connected</Badge>}
              </p>
              <Facts
                items={[
                  [
                    'Provider athlete',
                    <span key="a" className="support-mono">
                      {i.externalAthleteId}
                    </span>,
                  ],
                  ['Token expires', <When key="t" at={i.tokenExpiresAt} tz={tz} />],
                  ['Scopes', i.scopes.join(', ') || '—'],
                  ['Connected', <When key="c" at={i.connectedAt} tz={tz} />],
                  [
                    'Last webhook',
                    i.lastWebhook ? (
                      <span key="w">
                        <When at={i.lastWebhook.receivedAt} tz={tz} /> · {i.lastWebhook.object ?? 'event'} ·{' '}
                        {i.lastWebhook.outcome ?? 'not processed'}
                      </span>
                    ) : (
                      'None received'
                    ),
                  ],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function IngestionCard({ detail, tz }: Props) {
  const ing = detail.ingestion;
  const counts = Object.entries(ing.jobCounts);
  return (
    <Card
      id="ingestion"
      title="Ingestion"
      description="Each source's state and the latest jobs with their errors."
      className="support-card"
    >
      {ing.paused ? <p className="support-warn">The emergency brake is on: all ingestion is paused.</p> : null}
      {ing.states.length === 0 ? (
        <None>No ingestion has run.</None>
      ) : (
        <ul className="support-list">
          {ing.states.map((s) => (
            <li key={s.source} className="support-item">
              <p className="support-item-head">
                <strong className="support-cap">{s.source}</strong>
                <StatusBadge status={s.status} />
              </p>
              <Facts
                items={[
                  ['Imported', s.doneCount],
                  ['Resumes', <When key="r" at={s.resumeAt} tz={tz} />],
                  ['Updated', <When key="u" at={s.updatedAt} tz={tz} />],
                  ['Last error', s.lastError ?? '—'],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
      <h3 className="support-subhead">Jobs{counts.length ? `: ${counts.map(([k, n]) => `${n} ${k}`).join(', ')}` : ''}</h3>
      {ing.jobs.length === 0 ? (
        <None>No jobs.</None>
      ) : (
        <ul className="support-list">
          {ing.jobs.map((j) => (
            <li key={j.id} className="support-item">
              <p className="support-item-head">
                <span>{j.kind}</span>
                <StatusBadge status={j.status} />
              </p>
              <Facts
                items={[
                  ['Attempts', j.attempts],
                  ['Updated', <When key="u" at={j.updatedAt} tz={tz} />],
                  ['Runs after', <When key="r" at={j.runAfter} tz={tz} />],
                  ['Last error', j.lastError ?? '—'],
                  ['Cause', j.cause ? `${j.cause.label} (${j.cause.class})` : '—'],
                  [
                    'Job id',
                    <span key="i" className="support-mono">
                      {j.id}
                    </span>,
                  ],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function ImportsCard({ detail, tz }: Props) {
  return (
    <Card id="imports" title="Imports" description="Uploaded files and their reports." className="support-card">
      {detail.imports.length === 0 ? (
        <None>No imports.</None>
      ) : (
        <ul className="support-list">
          {detail.imports.map((i) => (
            <li key={i.id} className="support-item">
              <p className="support-item-head">
                <span className="support-break">{i.filename}</span>
                <StatusBadge status={i.status} />
              </p>
              <Facts
                items={[
                  ['Kind', i.kind ?? '—'],
                  ['Found', i.found],
                  ['Imported', i.imported],
                  ['Duplicates', i.duplicates],
                  ['Skipped', i.skipped],
                  ['Warnings', i.warnings],
                  ['Error', i.error ?? '—'],
                  ['Cause', i.cause ? `${i.cause.label} (${i.cause.class})` : '—'],
                  ['Uploaded', <When key="c" at={i.createdAt} tz={tz} />],
                  [
                    'Import id',
                    <span key="i" className="support-mono">
                      {i.id}
                    </span>,
                  ],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function AnalyticsCard({ detail, tz }: Props) {
  const r = detail.analytics.rebuildPending;
  return (
    <Card id="analytics" title="Analytics" className="support-card">
      {r ? (
        <Facts
          items={[
            [
              'Rebuild',
              <Badge key="b" tone="info">
                Queued
              </Badge>,
            ],
            ['Why', r.reason.replace(/_/g, ' ')],
            ['Requested', <When key="r" at={r.requestedAt} tz={tz} />],
          ]}
        />
      ) : (
        <None>No rebuild waiting: loads and fitness are up to date.</None>
      )}
    </Card>
  );
}
