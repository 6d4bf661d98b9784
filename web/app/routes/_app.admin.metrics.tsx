import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Form, useLoaderData } from '@remix-run/react';
import { MetricChart } from '~/components/admin/MetricChart';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Button, Card, PageHeader, buttonClass } from '~/components/ui';
import { requireAdminPermission } from '~/utils/auth.server';

export const meta: MetaFunction = ({ error }) => [{ title: error ? 'Not allowed · Cadence' : 'Metrics · Admin · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  await requireAdminPermission(args, 'ops.read');
  const period = new URL(args.request.url).searchParams.get('period') === 'month' ? 'month' : 'week';
  return args.context.services.platformMetrics.snapshot({ period });
}

const money = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const usd = (n: number) => `$${n.toFixed(2)}`;

function Figures({ rows }: { rows: [string, string | number][] }) {
  return (
    <dl className="metric-figures">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function AdminMetrics() {
  const m = useLoaderData<typeof loader>();
  const b = m.billing;
  const series = (k: 'signups' | 'connections' | 'imports' | 'smsSent' | 'aiCostUsd') =>
    m.series.map((p) => ({ start: p.start, value: p[k] }));
  const unit = m.period === 'month' ? 'month' : 'week';
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Platform metrics"
        description={`As of ${m.asOf.slice(0, 16).replace('T', ' ')} UTC. Counted from our own tables.`}
        actions={
          <a className={buttonClass('secondary', 'sm')} href={`/api/v1/admin/metrics.csv?period=${m.period}`} download>
            Download CSV
          </a>
        }
      />
      <div className="metrics-grid">
        <Card id="users" title="Users">
          <Figures
            rows={[
              ['Total', m.users.total],
              ['New, 7 days', m.users.new7],
              ['New, 30 days', m.users.new30],
              ['Active, 7 days', m.users.active7],
              ['Active, 30 days', m.users.active30],
              ['Athletes', m.users.athletes],
              ['Coaches', m.users.coaches],
            ]}
          />
          <p className="metric-note">Active: {m.activeDefinition}</p>
        </Card>
        <Card id="revenue" title="Subscriptions">
          <Figures
            rows={[
              ['MRR', money(b.mrrCents)],
              ['Pro', b.subscribers.pro],
              ['Elite', b.subscribers.elite],
              ['Team', b.subscribers.team],
              ['In trial', b.trialing.pro + b.trialing.elite + b.trialing.team],
              ['Trials this month', b.trials.startedThisMonth],
              ['Trial conversion', pct(b.trials.conversionRate)],
              ['Churn this month', `${b.churn.canceledThisMonth} (${pct(b.churn.rate)})`],
            ]}
          />
        </Card>
        <Card id="sources" title="Sources and coaching">
          <Figures
            rows={[
              ['Strava connections', m.sources.connections],
              ['Imports, 30 days', `${m.sources.imports30} (${m.sources.importsFailed30} failed)`],
              ['Coach orgs', m.coaching.orgs],
              ['Their clients', `${m.coaching.clients} (${m.coaching.linkedClients} linked)`],
              ['SMS sent, 30 days', m.coaching.smsSent30],
            ]}
          />
        </Card>
        <Card id="ai" title="AI coach">
          <Figures
            rows={[
              [`Model cost, ${m.aiCoach.month}`, usd(m.aiCoach.costUsd)],
              ['Model calls', m.aiCoach.calls],
              ['Cost ÷ revenue (MRR)', pct(m.aiCoach.costToRevenue)],
            ]}
          />
        </Card>
      </div>
      <Card
        id="trends"
        title={`Last 12 ${unit}s`}
        actions={
          <Form method="get" className="metrics-period">
            <label htmlFor="metrics-period">Period</label>
            <select id="metrics-period" name="period" defaultValue={m.period}>
              <option value="week">Weeks</option>
              <option value="month">Months</option>
            </select>
            <Button type="submit" variant="secondary" size="sm">
              Show
            </Button>
          </Form>
        }
      >
        <div className="metrics-charts">
          <MetricChart label={`Signups per ${unit}`} points={series('signups')} />
          <MetricChart label={`Strava connections per ${unit}`} points={series('connections')} />
          <MetricChart label={`Imports per ${unit}`} points={series('imports')} />
          <MetricChart label={`SMS sent per ${unit}`} points={series('smsSent')} />
          <MetricChart label={`AI model cost per ${unit}`} points={series('aiCostUsd')} format={usd} />
        </div>
      </Card>
    </>
  );
}
