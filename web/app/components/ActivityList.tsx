import { Link } from '@remix-run/react';
import { SourceAttribution } from './SourceAttribution';
import { Badge } from './ui';

export interface ActivityItem {
  id: string;
  date: string;
  isoDate: string;
  name: string;
  sport: string;
  distance: string | null;
  movingTime: string;
  avgHr: number | null;
  /** The activity source (`garmin_api`, …) and the recording device where known: its attribution line. */
  source: string;
  device: string | null;
}

function Missing() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">not recorded</span>
    </>
  );
}

/** Newest first; on wide screens the figures line up in columns, on phones they wrap under the name. */
export function ActivityList({ items }: { items: ActivityItem[] }) {
  return (
    <ol className="activity-list">
      {items.map((a) => (
        <li key={a.id} className="activity">
          <div className="activity-main">
            <p className="activity-meta">
              <time dateTime={a.isoDate}>{a.date}</time>
              <SourceAttribution source={a.source} device={a.device} className="activity-source" />
            </p>
            <p className="activity-name">
              <Link to={`/activities/${a.id}`} className="activity-link">
                {a.name || 'Untitled activity'}
              </Link>{' '}
              <Badge tone="neutral">{a.sport}</Badge>
            </p>
          </div>
          <dl className="activity-stats">
            <div>
              <dt>Distance</dt>
              <dd>{a.distance ?? <Missing />}</dd>
            </div>
            <div>
              <dt>Moving time</dt>
              <dd>{a.movingTime}</dd>
            </div>
            <div>
              <dt>Avg HR</dt>
              <dd>{a.avgHr === null ? <Missing /> : `${a.avgHr} bpm`}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ol>
  );
}
