import type { MetaFunction } from '@remix-run/cloudflare';
import { Link } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Badge, Card, EmptyState, Icon, PageHeader } from '~/components/ui';
import { useAppUser } from '~/components/useAppUser';

export const meta: MetaFunction = () => [{ title: 'Home · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

const SOURCES = [
  { name: 'Strava', how: 'Connect your account; new activities arrive on their own.', status: 'Coming next' },
  { name: 'Garmin', how: 'Sync from Garmin Connect.', status: 'Planned' },
  { name: 'FIT & GPX files', how: 'Upload files from any watch or bike computer.', status: 'Planned' },
];

export default function Home() {
  const user = useAppUser();
  return (
    <>
      <PageHeader
        title={`Welcome, ${user.displayName}`}
        description="This is where your training comes together. There's nothing to show yet — here's what will appear, and what you can do now."
      />

      <Card id="connect" title="Connect your training data" description="Cadence works only from your own activities. Until some arrive, we show nothing rather than invent numbers." className="card-accent">
        <ul className="source-list">
          {SOURCES.map((s) => (
            <li key={s.name} className="source">
              <div>
                <p className="source-name">{s.name}</p>
                <p className="source-how">{s.how}</p>
              </div>
              <Badge tone={s.status === 'Coming next' ? 'info' : 'neutral'}>{s.status}</Badge>
            </li>
          ))}
        </ul>
        <p className="card-footnote">
          Strava data is shown only to you. Files you upload are yours. <Link to="/about#data">How we treat your data</Link>
        </p>
      </Card>

      <div className="grid-2">
        <Card id="fitness" title="Fitness, fatigue & form">
          <EmptyState icon={<Icon name="activity" />} title="No activities yet" level={3}>
            <p>
              Once activities arrive you'll see <strong>fitness</strong> (your long-term training load), <strong>fatigue</strong> (the last week or
              so) and <strong>form</strong> (the balance of the two).
            </p>
            <p>Each number will link to the activities it came from, so you can check it.</p>
          </EmptyState>
        </Card>
        <Card id="plan" title="Your plan">
          <EmptyState icon={<Icon name="calendar" />} title="No plan yet" level={3}>
            <p>Your week of sessions will appear here. You can move, swap or skip any of them.</p>
            <p>The AI coach may propose changes, with its reasons — nothing changes until you confirm.</p>
          </EmptyState>
        </Card>
      </div>

      <p className="detail">
        <Icon name="settings" className="icon icon-sm" /> Distances in {user.units === 'mi' ? 'miles' : 'kilometres'}.{' '}
        <Link to="/settings">Change units or time zone</Link>
      </p>
    </>
  );
}
