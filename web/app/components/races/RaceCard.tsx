import { Link } from '@remix-run/react';
import { formatDay, formatRaceTime } from '../../../../worker/lib/format';
import { Badge, Card } from '../ui';

// One race and its predicted finish (ADR 096): the 80 % range in words, each method with its receipts (the bests
// linked to their activities, the exponent, VDOT or CS), every widening said plainly, or what would help.

type Best = { distanceM: number; timeS: number; date: string; activityId: string; name: string };
type Method = {
  method: 'riegel' | 'vdot' | 'criticalSpeed';
  ran: boolean;
  timeS?: number;
  reason?: string;
  notes?: string[];
  receipts?: {
    bests: Best[];
    exponent?: { value: number; source: 'fitted' | 'clamped' | 'population'; fitted: number | null };
    vdot?: { value: number };
    criticalSpeed?: { csMps: number; dPrimeM: number; fraction: number };
  };
};
export interface RaceCardProps {
  race: { id: string; source: 'athlete' | 'plan'; name: string; distanceM: number; raceDate: string };
  prediction: {
    state: 'predicted' | 'notEnoughData' | 'unsupported';
    reason?: string;
    range?: { low: number; mid: number; high: number };
    methods?: Method[];
    widenings?: { kind: string; why: string }[];
    shift?: { why: string } | null;
    form?: { tsb: number; ctl: number } | null;
    excluded?: { best: Best; reason: string }[];
    pastErrors?: PastErrorLike[];
  };
  help: string[];
  deleteForm?: React.ReactNode;
  /** The card's title; the race's name, distance and date by default (the list), "Predicted finish" on its own page. */
  title?: string;
  /** The list folds the receipts under one disclosure: the race page shows them open. */
  folded?: boolean;
}

/** A marked past race against the prediction made before its day (ADR 096, "After the race"). */
export interface PastErrorLike {
  distanceM: number;
  actualS: number;
  predictedMidS: number;
  predictedLowS: number;
  predictedHighS: number;
  errorPct: number;
  inRange: boolean;
}

/** "predicted 1:42 (1:38–1:46), ran 1:45 (+2.9 %), inside the range". */
export const errorWords = (e: Omit<PastErrorLike, 'distanceM'>) =>
  `predicted ${finishTime(e.predictedMidS)} (${finishTime(e.predictedLowS)}–${finishTime(e.predictedHighS)}), ran ${finishTime(e.actualS)} (${e.errorPct >= 0 ? '+' : '−'}${Math.abs(e.errorPct).toFixed(1)} %), ${e.inRange ? 'inside the range' : 'outside the range'}`;

/** h:mm:ss from an hour up ("1:42:10"), m:ss below ("21:05"): the same clock as the pacing splits and the card
 * (an "h:mm" beside a 10 km's "m:ss" read alike). */
export const finishTime = (s: number) => formatRaceTime(s);
export const rangeWords = (r: { low: number; mid: number; high: number }) =>
  `${finishTime(r.low)} – ${finishTime(r.high)}, most likely ${finishTime(r.mid)}`;
/** The core's reasons are clauses ("one recent best: …"): shown as sentences. */
const sentence = (t: string) => {
  const x = t.trim();
  return x ? `${x[0]!.toUpperCase()}${x.slice(1)}${/[.!?]$/.test(x) ? '' : '.'}` : x;
};
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
export const distanceWords = (m: number) => (m % 1000 === 0 ? `${m / 1000} km` : `${(m / 1000).toFixed(1)} km`);
const METHOD_NAMES = { riegel: 'Riegel, from your bests', vdot: 'VDOT (Daniels)', criticalSpeed: 'Critical speed, from training' } as const;
const EXPONENT_WORDS = {
  fitted: 'fitted to your bests',
  clamped: 'your fit, held inside 1.01–1.20',
  population: 'the usual 1.06: your bests do not give one of your own yet',
} as const;

function Receipts({ m }: { m: Method }) {
  const r = m.receipts;
  if (!r) return null;
  return (
    <>
      {r.exponent ? (
        <p>
          Exponent {r.exponent.value.toFixed(3)} ({EXPONENT_WORDS[r.exponent.source]})
        </p>
      ) : null}
      {r.vdot ? <p>VDOT {r.vdot.value.toFixed(1)}</p> : null}
      {r.criticalSpeed ? (
        <p>
          Critical speed {formatRaceTime(1000 / r.criticalSpeed.csMps)} /km ({r.criticalSpeed.csMps.toFixed(2)} m/s), D′{' '}
          {Math.round(r.criticalSpeed.dPrimeM)} m, held at {Math.round(r.criticalSpeed.fraction * 100)} % of it
        </p>
      ) : null}
      {r.bests.length ? (
        <ul className="race-bests">
          {r.bests.map((b) => (
            <li key={`${b.activityId}-${b.distanceM}`}>
              {distanceWords(b.distanceM)} in {formatRaceTime(b.timeS)} — <Link to={`/activities/${b.activityId}`}>{b.name}</Link>,{' '}
              {formatDay(b.date)}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function RaceCard({ race, prediction: p, help, deleteForm, title: own, folded = false }: RaceCardProps) {
  const title = own ?? `${race.name} · ${distanceWords(race.distanceM)} · ${formatDay(race.raceDate)}`;
  return (
    <Card title={title} id={`race-${race.id}`}>
      {race.source === 'plan' ? <Badge>Your plan’s goal</Badge> : null}
      {p.state === 'predicted' && p.range ? (
        <>
          <p className="race-range">
            <strong>{rangeWords(p.range)}</strong>
            <span className="muted"> (80 % of races like this finish in the range)</span>
          </p>
          {p.pastErrors?.[0] ? (
            <p className="race-last-time">{`Last time at ${distanceWords(p.pastErrors[0].distanceM)}: ${errorWords(p.pastErrors[0])}.`}</p>
          ) : null}
          {p.form ? (
            <p>
              Race-day form from your plan: TSB {signed(Math.round(p.form.tsb))} (fitness {Math.round(p.form.ctl)})
            </p>
          ) : null}
          <Fold folded={folded}>
            {folded ? null : <h3>How it was worked out</h3>}
            <ul className="stack">
              {(p.methods ?? []).map((m) => (
                <li key={m.method}>
                  <strong>{METHOD_NAMES[m.method]}</strong>:{' '}
                  {m.ran && m.timeS ? finishTime(m.timeS) : `not used. ${sentence(m.reason ?? '')}`}
                  <Receipts m={m} />
                  {/* The marathon shift is said once, under the range's reasons, not again under each method it moved. */}
                  {(m.notes ?? [])
                    .filter((n) => n !== p.shift?.why)
                    .map((n) => (
                      <p key={n} className="muted">
                        {sentence(n)}
                      </p>
                    ))}
                </li>
              ))}
            </ul>
            {p.shift || p.widenings?.length ? (
              <>
                <h3>Why the range is this wide</h3>
                <ul>
                  {p.shift ? <li>{sentence(p.shift.why)}</li> : null}
                  {(p.widenings ?? []).map((w) => (
                    <li key={w.kind}>{sentence(w.why)}</li>
                  ))}
                </ul>
              </>
            ) : null}
            <LeftOut excluded={p.excluded ?? []} />
          </Fold>
        </>
      ) : (
        <>
          <p>
            <strong>{p.state === 'notEnoughData' ? 'Not enough data yet.' : 'No prediction for this race.'}</strong>{' '}
            {sentence((p.reason ?? '').replace(/^not enough data yet:\s*/i, ''))}
          </p>
        </>
      )}
      {help.length ? (
        <>
          <h3>What would help</h3>
          <ul>
            {help.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      ) : null}
      {deleteForm}
    </Card>
  );
}

/** The receipts, open on the race's page, folded under "How it was worked out" in the list of races. */
function Fold({ folded, children }: { folded: boolean; children: React.ReactNode }) {
  if (!folded) return <>{children}</>;
  return (
    <details className="disclosure race-receipts">
      <summary>How it was worked out</summary>
      {children}
    </details>
  );
}

/** Every best the prediction did not use, with why: nothing is dropped silently. */
function LeftOut({ excluded }: { excluded: { best: Best; reason: string }[] }) {
  if (!excluded.length) return null;
  return (
    <details className="disclosure">
      <summary>
        {excluded.length} {excluded.length === 1 ? 'best' : 'bests'} left out
      </summary>
      <ul>
        {excluded.map(({ best, reason }) => (
          <li key={`${best.activityId}-${best.distanceM}`}>
            {distanceWords(best.distanceM)} in {formatRaceTime(best.timeS)} —{' '}
            <Link to={`/activities/${best.activityId}`}>{best.name || 'Untitled activity'}</Link>: {reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
