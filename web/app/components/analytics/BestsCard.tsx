import { Link } from '@remix-run/react';
import type { AgeGradesView, PersonalBestsView } from '~/utils/analytics';
import { day, fixed, pace, powerDuration, raceTime } from '~/utils/analytics-format';
import { Card, EmptyState, Icon } from '../ui';

type RunBest = NonNullable<PersonalBestsView['run'][number]['allTime']>;

const MISSING_WORDS: Record<string, string> = { birth_date: 'birth date', sex: 'sex' };

/** The effort's time, linking to the activity it was run in. */
function TimeLink({ best, label }: { best: RunBest; label: string }) {
  return (
    <Link to={`/activities/${best.receipt.activityId}`} className="tabular">
      {raceTime(best.timeS)}
      <span className="visually-hidden">
        , {label} in {best.receipt.name || 'an untitled activity'}
      </span>
    </Link>
  );
}

const grade = (pct: number | null) => (pct === null ? <span className="muted">—</span> : `${fixed(pct, 1)} %`);

type RunRow = PersonalBestsView['run'][number];

/** One best as a card's line: time (to its activity), pace, date and age grade, each named. */
function BestLine({
  when,
  best,
  label,
  units,
  graded,
}: {
  when: string;
  best: RunBest;
  label: string;
  units: PersonalBestsView['units'];
  graded: boolean;
}) {
  return (
    <div className="best-line">
      <dt>{when}</dt>
      <dd>
        <TimeLink best={best} label={label} />
        <span className="tabular">{pace(best.pace, units)}</span>
        <span className="nowrap">{day(best.date)}</span>
        {/* Road age grading starts at the mile: shorter bests have none to show. */}
        {graded && best.ageGradePct !== null ? <span className="nowrap">{fixed(best.ageGradePct, 1)} % age grade</span> : null}
      </dd>
    </div>
  );
}

/**
 * The running bests as cards, for screens too narrow for the table's columns: every figure the table has
 * (and the 12-month pace) without a sideways scroll. CSS shows one or the other.
 */
function RunBestCards({ runs, units, graded }: { runs: RunRow[]; units: PersonalBestsView['units']; graded: boolean }) {
  return (
    <ul className="best-cards" aria-label="Running personal bests">
      {runs.map((r) => (
        <li key={r.distanceM} className="best-card">
          <h4 className="best-card-title">{r.label}</h4>
          <dl className="best-card-lines">
            <BestLine when="All time" best={r.allTime!} label={r.label} units={units} graded={graded} />
            {r.last12Months ? (
              <BestLine when="Last 12 months" best={r.last12Months} label={r.label} units={units} graded={graded} />
            ) : (
              <div className="best-line">
                <dt>Last 12 months</dt>
                <dd className="muted">None</dd>
              </div>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}

type PowerRow = PersonalBestsView['power'][number];
type PowerBest = NonNullable<PowerRow['allTime']>;

function PowerLine({ when, best }: { when: string; best: PowerBest | null }) {
  return (
    <div className="best-line">
      <dt>{when}</dt>
      {best ? (
        <dd>
          <Link to={`/activities/${best.receipt.activityId}`} className="tabular">
            {best.watts} W<span className="visually-hidden">, in {best.receipt.name || 'an untitled activity'}</span>
          </Link>
          <span className="nowrap">{day(best.date)}</span>
        </dd>
      ) : (
        <dd className="muted">None</dd>
      )}
    </div>
  );
}

/** The power bests as cards on narrow screens, like the running ones. */
function PowerBestCards({ power }: { power: PowerRow[] }) {
  return (
    <ul className="best-cards best-cards-power" aria-label="Ride power bests">
      {power.map((p) => (
        <li key={p.durationS} className="best-card">
          <h4 className="best-card-title">{powerDuration(p.durationS)}</h4>
          <dl className="best-card-lines">
            <PowerLine when="All time" best={p.allTime} />
            <PowerLine when="Last 12 months" best={p.last12Months} />
          </dl>
        </li>
      ))}
    </ul>
  );
}

export function BestsCard({ bests, ageGrades }: { bests: PersonalBestsView; ageGrades: AgeGradesView }) {
  const runs = bests.run.filter((r) => r.allTime);
  const power = bests.power.filter((p) => p.allTime);
  const graded = ageGrades.missing.length === 0;
  const missing = ageGrades.missing.map((m) => MISSING_WORDS[m] ?? m).join(' and ');
  return (
    <Card
      id="bests"
      title="Personal bests"
      description="Your fastest efforts at each distance, from whole activities and from within them. Each time links to its activity."
    >
      <h3 className="section-title">Running</h3>
      {!graded ? (
        <p className="note">
          <Icon name="settings" className="icon icon-sm" /> Age grades need your {missing}.{' '}
          <Link to="/settings#profile">Add {ageGrades.missing.length > 1 ? 'them' : 'it'} in Settings</Link> to see them.
        </p>
      ) : null}
      {runs.length === 0 ? (
        <EmptyState icon={<Icon name="activity" />} title="No run bests yet" level={3}>
          <p>Bests appear once runs with distance arrive; longer distances need a run at least that long.</p>
        </EmptyState>
      ) : (
        <>
          <RunBestCards runs={runs} units={bests.units} graded={graded} />
          <div className="table-scroll best-table" tabIndex={0} role="group" aria-label="Running personal bests">
            <table className="table table-bests">
              <thead>
                <tr>
                  <td />
                  <th scope="colgroup" colSpan={graded ? 4 : 3} className="colgroup">
                    All time
                  </th>
                  <th scope="colgroup" colSpan={graded ? 3 : 2} className="colgroup group-start">
                    Last 12 months
                  </th>
                </tr>
                <tr>
                  <th scope="col">Distance</th>
                  <th scope="col" className="num">
                    Time
                  </th>
                  <th scope="col" className="num">
                    Pace
                  </th>
                  <th scope="col">Date</th>
                  {graded ? (
                    <th scope="col" className="num">
                      Age grade
                    </th>
                  ) : null}
                  <th scope="col" className="num group-start">
                    Time
                  </th>
                  <th scope="col">Date</th>
                  {graded ? (
                    <th scope="col" className="num">
                      Age grade
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.distanceM}>
                    <th scope="row">{r.label}</th>
                    <td className="num">
                      <TimeLink best={r.allTime!} label={r.label} />
                    </td>
                    <td className="num">{pace(r.allTime!.pace, bests.units)}</td>
                    <td className="nowrap">{day(r.allTime!.date)}</td>
                    {graded ? <td className="num">{grade(r.allTime!.ageGradePct)}</td> : null}
                    {r.last12Months ? (
                      <>
                        <td className="num group-start">
                          <TimeLink best={r.last12Months} label={r.label} />
                        </td>
                        <td className="nowrap">{day(r.last12Months.date)}</td>
                        {graded ? <td className="num">{grade(r.last12Months.ageGradePct)}</td> : null}
                      </>
                    ) : (
                      <td colSpan={graded ? 3 : 2} className="muted group-start">
                        None in the last 12 months
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <h3 className="section-title">Ride power</h3>
      {power.length === 0 ? (
        <p className="note">
          No rides with power yet. Best average power for 5 s to 60 min appears here once rides with a power meter arrive.
        </p>
      ) : (
        <>
          <PowerBestCards power={power} />
          <div className="table-scroll best-table" tabIndex={0} role="group" aria-label="Ride power bests">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Duration</th>
                  <th scope="col" className="num">
                    All time
                  </th>
                  <th scope="col">Date</th>
                  <th scope="col" className="num">
                    Last 12 months
                  </th>
                  <th scope="col">Date</th>
                </tr>
              </thead>
              <tbody>
                {power.map((p) => (
                  <tr key={p.durationS}>
                    <th scope="row">{powerDuration(p.durationS)}</th>
                    <td className="num">
                      <Link to={`/activities/${p.allTime!.receipt.activityId}`} className="tabular">
                        {p.allTime!.watts} W
                        <span className="visually-hidden">, in {p.allTime!.receipt.name || 'an untitled activity'}</span>
                      </Link>
                    </td>
                    <td className="nowrap">{day(p.allTime!.date)}</td>
                    {p.last12Months ? (
                      <>
                        <td className="num">
                          <Link to={`/activities/${p.last12Months.receipt.activityId}`} className="tabular">
                            {p.last12Months.watts} W
                            <span className="visually-hidden">, in {p.last12Months.receipt.name || 'an untitled activity'}</span>
                          </Link>
                        </td>
                        <td className="nowrap">{day(p.last12Months.date)}</td>
                      </>
                    ) : (
                      <td colSpan={2} className="muted">
                        None in the last 12 months
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {graded ? (
        <>
          <h3 className="section-title">Best age grade per year</h3>
          {ageGrades.bestByYear.length === 0 ? (
            <p className="note">No age-graded performances yet. Road age grading covers distances from 1 mile up.</p>
          ) : (
            <ol className="grade-strip">
              {ageGrades.bestByYear.map((g) => (
                <li key={g.year} className="grade">
                  <span className="grade-year">{g.year}</span>
                  <strong className="grade-pct">{fixed(g.ageGradePct, 1)} %</strong>
                  <span className="grade-meta">
                    {g.label}, <Link to={`/activities/${g.receipt.activityId}`}>{day(g.date)}</Link>
                  </span>
                </li>
              ))}
            </ol>
          )}
          <p className="card-footnote">
            An age grade compares a time with the best for your age and sex at that distance, so each year is measured against its own
            standard. {ageGrades.source}.
          </p>
        </>
      ) : null}
    </Card>
  );
}
