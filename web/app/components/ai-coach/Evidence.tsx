// Under each answer: the receipts (collapsed, each a link to the activity), what the checker verified,
// a correction note, and what the data-use policy kept out (Strava) with how to bring that data in.
import { Link } from '@remix-run/react';
import { basedOn, type ClaimCheck, type CoachReceipt } from '~/utils/ai-coach';
import { day } from '~/utils/analytics-format';

const label = (key: string) => key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

export function Receipts({ receipts }: { receipts: CoachReceipt[] }) {
  if (!receipts.length) return null;
  return (
    <details className="coach-receipts">
      <summary>{basedOn(receipts.length)}</summary>
      <ul className="coach-receipt-list">
        {receipts.map((r) => {
          const values = Object.entries(r.values).filter(([, v]) => v !== null && v !== '');
          return (
            <li key={r.activityId}>
              <Link to={`/activities/${r.activityId}`} className="coach-receipt-link">
                <span className="coach-receipt-date">{day(r.date)}</span> <span className="coach-receipt-name">{r.name}</span>
              </Link>
              {values.length ? (
                <span className="coach-receipt-values">
                  {values.map(([k, v]) => (
                    <span key={k}>
                      {/* A bare number needs its name ("load 78"); "10.2 km" says what it is. */}
                      {typeof v === 'number' ? `${label(k).toLowerCase()} ${v}` : v}
                    </span>
                  ))}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

export function CheckNote({ check, corrected }: { check: ClaimCheck | null; corrected: string | null }) {
  const removed = corrected || (check && check.outcome !== 'ok' && check.unmatched.length > 0);
  return (
    <>
      {check && check.checked > 0 ? (
        <p className="coach-note coach-note-check">
          {check.checked} {check.checked === 1 ? 'number' : 'numbers'} checked against your data
        </p>
      ) : null}
      {removed ? <p className="coach-note coach-note-corrected">Corrected: a number without a source was removed</p> : null}
    </>
  );
}

export function WithheldNote({ withheld }: { withheld: { source: string; count: number }[] }) {
  const total = withheld.reduce((n, w) => n + w.count, 0);
  if (!total) return null;
  return (
    <p className="coach-note coach-note-withheld">
      {total} Strava {total === 1 ? 'activity was' : 'activities were'} left out: Strava's terms don't allow their data in an AI coach. To
      include them, <Link to="/settings/data#files">upload the files or a Garmin export in Settings → Data</Link>.
    </p>
  );
}
