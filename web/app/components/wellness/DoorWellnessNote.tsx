import { Link } from '@remix-run/react';
import { lastPollWords, windowWords } from '~/components/data/DoorWellnessCard';
import type { DoorWellnessView } from '~/utils/door-wellness.server';

/** On /wellness, for an athlete with the Polar door: how far back its nights go, and when they were last fetched. */
export function DoorWellnessNote({ wellness: w }: { wellness: DoorWellnessView }) {
  return (
    <p className="muted">
      {windowWords(w)}{' '}
      {w.enabled ? (
        lastPollWords(w)
      ) : (
        <>
          {`Wellness from ${w.label.split(' ')[0]} is off: `}
          <Link to={`/settings/data#${w.provider}-wellness`}>turn it on in Data sources</Link>.
        </>
      )}
    </p>
  );
}
