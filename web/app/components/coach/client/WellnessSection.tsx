import { SCALES } from '../../../../../worker/features/wellness/browser';
import { ReadinessLine } from '~/components/wellness/ReadinessLine';
import { sourceName } from '~/components/wellness/sources';
import type { CheckInView } from '~/utils/wellness.server';
import { day as dayLabel } from '~/utils/analytics-format';
import { useResource } from '../api';
import { SectionCard } from '../SectionCard';

type Value = number | string | boolean;
interface Day {
  day: string;
  fields: Record<string, { value: Value; source: string; others: { source: string; value: Value }[] }>;
}
type Wellness =
  | { shared: false; athlete: { name: string }; from: string; to: string }
  | {
      shared: true;
      athlete: { name: string };
      from: string;
      to: string;
      weightUnit: 'kg' | 'lb';
      days: Day[];
      readiness: CheckInView['readiness'];
    };

const scaleWord = (k: keyof typeof SCALES, v: Value) => (typeof v === 'number' ? (SCALES[k][v - 1] ?? String(v)) : '');
const num = (digits: number) => (v: Value) => (typeof v === 'number' ? v.toFixed(digits) : String(v));

/**
 * The client's wellness while they share it (a second consent beside training, ADR 074): readiness against their
 * own normal range and their last 14 days. While they do not share it, one calm line says so; never an error.
 */
export function WellnessSection({ clientId }: { clientId: string }) {
  const resource = useResource<Wellness>(`/api/v1/coach/clients/${clientId}/wellness`);
  return (
    <SectionCard
      id="wellness"
      title="Wellness"
      description="Sleep, HRV, resting HR, check-ins and weight of the last 14 days, when they share them with you."
      resource={resource}
      noun="wellness"
      skeletonRows={3}
    >
      {(d) =>
        !d.shared ? (
          <p className="muted coach-wellness-not-shared">{d.athlete.name} hasn't shared wellness with you.</p>
        ) : (
          <div className="coach-wellness">
            {d.readiness.hrv.status === 'none' && d.readiness.restingHr.status === 'none' ? (
              <p className="muted">No resting HR or HRV readings yet.</p>
            ) : (
              <ReadinessLine readiness={d.readiness} whose="their" />
            )}
            {d.days.length === 0 ? (
              <p className="muted">Nothing recorded in the last 14 days.</p>
            ) : (
              <div className="wellness-table-wrap">
                <table className="wellness-table">
                  <caption className="visually-hidden">{d.athlete.name}'s days, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Day</th>
                      <th scope="col">Sleep</th>
                      <th scope="col">Fatigue</th>
                      <th scope="col">Soreness</th>
                      <th scope="col">Mood</th>
                      <th scope="col">Resting HR</th>
                      <th scope="col">HRV</th>
                      <th scope="col">Weight</th>
                      <th scope="col">Pain</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...d.days].reverse().map((r) => (
                      <tr key={r.day}>
                        <th scope="row">{dayLabel(r.day)}</th>
                        <Cell day={r} k="sleepHours" show={(x) => `${num(1)(x)} h`} />
                        {(['fatigue', 'soreness', 'mood'] as const).map((k) => (
                          <Cell key={k} day={r} k={k} show={(x) => scaleWord(k, x)} />
                        ))}
                        <Cell day={r} k="restingHr" show={(x) => `${num(0)(x)} bpm`} />
                        <Cell day={r} k="hrvRmssd" show={(x) => `${num(0)(x)} ms`} />
                        <Cell day={r} k="weight" show={(x) => `${num(1)(x)} ${d.weightUnit}`} />
                        <Cell day={r} k="injury" show={(x) => (x === true ? 'Yes' : 'No')} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )
      }
    </SectionCard>
  );
}

function Cell({ day, k, show }: { day: Day; k: string; show: (v: Value) => string }) {
  const f = day.fields[k];
  if (!f) return <td className="muted">–</td>;
  return (
    <td>
      {show(f.value)}
      {f.source !== 'checkin' ? <span className="wellness-source"> · {sourceName(f.source)}</span> : null}
    </td>
  );
}
