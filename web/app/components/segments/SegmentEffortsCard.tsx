// The activity page's "Segments" card: this activity's efforts, each with its time, the PR badge and your rank on
// the segment, and a link that zooms the charts on it (the receipt, ?at=&for=).
import { Link } from '@remix-run/react';
import { Badge, Card } from '~/components/ui';
import { raceTime } from '~/utils/analytics-format';
import type { ActivitySegmentsView } from '~/utils/segments.server';

export function SegmentEffortsCard({ view }: { view: ActivitySegmentsView }) {
  return (
    <Card
      id="segments"
      title="Segments"
      description={
        view.efforts.length
          ? 'Your efforts on segments along this activity, ranked among your own.'
          : 'No segment efforts on this activity yet. Zoom the charts to a stretch to make one; new segments are matched against your history.'
      }
    >
      {view.efforts.length ? (
        <table className="table table-stack">
          <thead>
            <tr>
              <th scope="col">Segment</th>
              <th scope="col">Time</th>
              <th scope="col">Your rank</th>
              <th scope="col">On the charts</th>
            </tr>
          </thead>
          <tbody>
            {view.efforts.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  <Link to={`/segments/${e.segment.id}`}>{e.segment.name}</Link>
                </th>
                <td data-label="Time">
                  {raceTime(e.elapsedS)} {e.pr ? <Badge tone="success">PR</Badge> : null}
                </td>
                <td data-label="Your rank">{`${e.rank} of ${e.of}`}</td>
                <td data-label="On the charts">
                  <Link to={e.receipt.href} reloadDocument>
                    Show this stretch
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}
