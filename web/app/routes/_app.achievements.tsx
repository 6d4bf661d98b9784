import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Badge, Card, PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { type AchievementsView, loadAchievements } from '~/utils/awards.server';
import { formatDate } from '~/utils/format';

export const meta: MetaFunction = () => [{ title: 'Achievements · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return { ...(await loadAchievements(args.context, viewer)), timeZone: viewer.user.timeZone };
}

type Item = AchievementsView['achievements'][number];
// An award's instant as the date it was in the athlete's own zone, written the way every page writes dates.
const day = (iso: string | null, timeZone: string) => (iso ? formatDate(iso, timeZone) : '');
const km = (m: number) => `${(m / 1000).toFixed(1)} km`;
const hours = (s: number) => `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;

function Receipts({ a }: { a: Item }) {
  if (!a.receipts) return null;
  const ids = a.receipts.activityIds;
  return (
    <details className="achievement-receipts">
      <summary>{`${ids.length} ${ids.length === 1 ? 'activity' : 'activities'}: ${km(a.receipts.figure.distanceM)}, ${hours(a.receipts.figure.movingS)}`}</summary>
      <ul>
        {ids.slice(0, 20).map((id, i) => (
          <li key={id}>
            <Link to={`/activities/${id}`}>Activity {i + 1}</Link>
          </li>
        ))}
      </ul>
    </details>
  );
}

export default function AchievementsPage() {
  const v = useLoaderData<typeof loader>();
  const earned = v.achievements.filter((a) => a.status === 'earned');
  const withdrawn = v.achievements.filter((a) => a.status === 'withdrawn');
  const locked = v.achievements.filter((a) => a.status === 'locked');
  return (
    <>
      <PageHeader
        title="Achievements"
        description={`${v.points} points. Earned from your own recordings; excluded ones never count. Re-checked whenever your history changes.`}
        actions={<Link to="/leaderboards">Leaderboards</Link>}
      />
      <div className="stack">
        <Card id="earned" title={`Earned (${earned.length})`}>
          {earned.length === 0 ? (
            <p className="muted">Nothing yet: your first 5 km run or a 7-day streak is a good start.</p>
          ) : (
            <ul className="achievement-list">
              {earned.map((a) => (
                <li key={a.code} id={`achievement-${a.code}`}>
                  <strong>{a.title}</strong> · {a.points} points · {day(a.earnedAt, v.timeZone)}{' '}
                  {a.sharedWithOthers ? null : <Badge tone="info">Only you see it</Badge>}
                  <Receipts a={a} />
                </li>
              ))}
            </ul>
          )}
        </Card>
        {withdrawn.length > 0 ? (
          <Card id="withdrawn" title={`Withdrawn (${withdrawn.length})`}>
            <ul className="achievement-list">
              {withdrawn.map((a) => (
                <li key={a.code} id={`achievement-${a.code}`}>
                  <strong>{a.title}</strong> <Badge tone="warning">Withdrawn {day(a.withdrawnAt, v.timeZone)}</Badge>
                  <p className="muted">{a.withdrawnReason}</p>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        <Card id="locked" title={`Still to earn (${locked.length})`}>
          <ul className="achievement-list">
            {locked.map((a) => (
              <li key={a.code} id={`achievement-${a.code}`}>
                {a.title} · {a.points} points
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
