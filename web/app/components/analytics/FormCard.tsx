import { Link } from '@remix-run/react';
import { establishingText, FORM_LABELS, RAMP_LABELS, sportLabel, type FitnessView } from '~/utils/analytics';
import { bandRange, day, fixed, signed } from '~/utils/analytics-format';
import { Badge, Card, EmptyState, Icon, type BadgeTone } from '../ui';

// Form is described, never judged: no band is "good" or "bad", so none gets a warning colour.
const FORM_TONE: Record<string, BadgeTone> = { fresh: 'info', neutral: 'neutral', productive: 'info', overreaching: 'warning' };
const RAMP_TONE: Record<string, BadgeTone> = {
  detraining: 'neutral',
  maintaining: 'neutral',
  building: 'info',
  high: 'info',
  very_high: 'warning',
};

type Band = { status: string; min: number | null; max: number | null };

/** "fresh above 5, neutral −10 to 5, …" with the current band marked in words and weight, not colour. */
function BandList({ bands, labels, current }: { bands: readonly Band[]; labels: Record<string, string>; current: string | null }) {
  return (
    <>
      {bands.map((b, i) => (
        <span key={b.status}>
          {i > 0 ? ', ' : ''}
          {b.status === current ? (
            <strong>
              {(labels[b.status] ?? b.status).toLowerCase()} {bandRange(b)} (now)
            </strong>
          ) : (
            <>
              {(labels[b.status] ?? b.status).toLowerCase()} {bandRange(b)}
            </>
          )}
        </span>
      ))}
    </>
  );
}

/** Fitness, fatigue and form today, with the band each falls in and what the terms mean. */
export function FormCard({ fitness }: { fitness: FitnessView }) {
  const { current, bands } = fitness;
  // The last 7 days of the timeline (today included) and what was done in them: the receipts behind fatigue.
  const week = fitness.days.slice(-7);
  const weekActivities = week.flatMap((d) => d.activities).reverse();
  const formBand = current ? bands.form.find((b) => b.status === current.form) : undefined;
  // Until the history supports them (ADR 044) form and ramp carry no label: a zero start would make them.
  const establishing = current?.establishing ?? null;
  const rampBand = current?.rampBand ? bands.ramp.find((b) => b.status === current.rampBand) : undefined;
  return (
    <Card id="form" title="Current form" description={current ? `Today, ${day(fitness.today)}` : undefined}>
      {current ? (
        <>
          <dl className="stat-row">
            <div className="stat">
              <dt>Fitness (CTL)</dt>
              <dd className="stat-value">{fixed(current.ctl, 1)}</dd>
            </div>
            <div className="stat">
              <dt>Fatigue (ATL)</dt>
              <dd className="stat-value">{fixed(current.atl, 1)}</dd>
            </div>
            <div className="stat">
              <dt>Form (TSB)</dt>
              <dd className="stat-value">{fixed(current.tsb, 1)}</dd>
            </div>
          </dl>

          <dl className="band-list">
            <div>
              <dt>Form</dt>
              <dd>
                {establishing || current.form === null ? (
                  <span className="establishing">
                    <strong>{establishingText(establishing?.daysMore ?? 0)}</strong>{' '}
                    {establishing?.since ? (
                      <span className="band-range">
                        ({establishing.trainingDays} {establishing.trainingDays === 1 ? 'day' : 'days'} with training since{' '}
                        {day(establishing.since)})
                      </span>
                    ) : null}
                  </span>
                ) : (
                  <>
                    <Badge tone={FORM_TONE[current.form] ?? 'neutral'}>{FORM_LABELS[current.form]}</Badge>{' '}
                    <span className="band-range">TSB {formBand ? bandRange(formBand) : ''}</span>
                  </>
                )}
              </dd>
            </div>
            <div>
              <dt>Ramp rate</dt>
              <dd>
                {establishing && current.rampRate !== null ? (
                  <>
                    <strong className="tabular">{signed(current.rampRate, 1)}</strong> CTL per week{' '}
                    <span className="muted">(not banded while fitness is being established)</span>
                  </>
                ) : current.rampRate === null || current.rampBand === null ? (
                  <span className="muted">Needs 7 days of history</span>
                ) : (
                  <>
                    <strong className="tabular">{signed(current.rampRate, 1)}</strong> CTL per week{' '}
                    <Badge tone={RAMP_TONE[current.rampBand] ?? 'neutral'}>{RAMP_LABELS[current.rampBand]}</Badge>{' '}
                    <span className="band-range">{rampBand ? bandRange(rampBand) : ''}</span>
                  </>
                )}
              </dd>
            </div>
          </dl>

          {week.length > 0 ? (
            <div className="recent-load">
              <dl className="band-list">
                <div>
                  <dt>Last 7 days</dt>
                  <dd className="tabular">
                    Load{' '}
                    {fixed(
                      week.reduce((sum, d) => sum + d.load, 0),
                      0,
                    )}{' '}
                    from {weekActivities.length} {weekActivities.length === 1 ? 'activity' : 'activities'}
                  </dd>
                </div>
              </dl>
              {weekActivities.length > 0 ? (
                <details className="receipts">
                  <summary>
                    <Icon name="receipt" className="icon icon-sm" /> The {weekActivities.length === 1 ? 'activity' : 'activities'}
                  </summary>
                  <ul className="receipt-list">
                    {weekActivities.map((r) => (
                      <li key={r.activityId} className="receipt receipt-compact">
                        <span className="receipt-date">{day(r.date)}</span>
                        <Link to={`/activities/${r.activityId}`} className="receipt-name">
                          {r.name || 'Untitled activity'}
                        </Link>
                        <span className="receipt-values">
                          {sportLabel(r.sport)} · load {r.values.load ?? '—'}
                        </span>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </div>
          ) : null}

          <details className="explain">
            <summary>What these numbers mean</summary>
            <dl className="explain-list">
              <div>
                <dt>Fitness (CTL)</dt>
                <dd>Chronic training load: the average daily load of the last 6 weeks or so, weighted towards recent days.</dd>
              </div>
              <div>
                <dt>Fatigue (ATL)</dt>
                <dd>Acute training load: the same average over about the last week, so it rises and falls quickly.</dd>
              </div>
              <div>
                <dt>Form (TSB)</dt>
                <dd>
                  Training stress balance: yesterday's fitness minus yesterday's fatigue. Negative while you are absorbing training. Bands:{' '}
                  <BandList bands={bands.form} labels={FORM_LABELS} current={current.form} />.
                </dd>
              </div>
              <div>
                <dt>Ramp rate</dt>
                <dd>
                  How much fitness (CTL) changed over the last 7 days. Bands:{' '}
                  <BandList bands={bands.ramp} labels={RAMP_LABELS} current={current.rampBand} />.
                </dd>
              </div>
              <div>
                <dt>Load</dt>
                <dd>
                  Each activity's training stress score, from power, pace or heart rate against your thresholds, or estimated from duration.
                </dd>
              </div>
            </dl>
          </details>
        </>
      ) : (
        <EmptyState icon={<Icon name="chart" />} title="Not calculated yet" level={3}>
          <p>Your activities are in; fitness, fatigue and form arrive once their loads are computed.</p>
        </EmptyState>
      )}
    </Card>
  );
}
