import { Link } from '@remix-run/react';
import { formatDay } from '../../../../worker/lib/format';
import { Card } from '../ui';
import { distanceWords, errorWords, finishTime } from './RaceCard';

// /races' "Past races": newest first, each with its finish (the marked activity), the range predicted before its day
// and the error; a race with no result marked links to its Result tab.

interface Item {
  race: { id: string; name: string; distanceM: number; raceDate: string };
  result: { activityId: string; activityName: string; finishS: number } | null;
  predicted: { madeAt: string; range: { low: number; mid: number; high: number } | null } | null;
  error: { errorPct: number; inRange: boolean } | null;
}

function Line({ item: { race, result, predicted, error } }: { item: Item }) {
  if (!result) return <Link to={`/races/${race.id}/result`}>Mark your result</Link>;
  const range = predicted?.range;
  return (
    <>
      {`Finished in ${finishTime(result.finishS)} (`}
      <Link to={`/activities/${result.activityId}`}>{result.activityName}</Link>):{' '}
      {range && error
        ? `${errorWords({ actualS: result.finishS, predictedMidS: range.mid, predictedLowS: range.low, predictedHighS: range.high, ...error })}.`
        : 'no prediction was made before the race.'}{' '}
      <Link to={`/races/${race.id}/result`}>Splits and pacing</Link>
    </>
  );
}

export function PastRaces({ items }: { items: Item[] }) {
  if (items.length === 0) return null;
  return (
    <Card title="Past races" id="past-races">
      <ul className="stack">
        {items.map((item) => (
          <li key={item.race.id}>
            <strong>
              {item.race.name} · {distanceWords(item.race.distanceM)} · {formatDay(item.race.raceDate)}
            </strong>
            <br />
            <Line item={item} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
