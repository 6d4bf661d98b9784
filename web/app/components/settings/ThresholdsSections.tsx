import { Form, Link, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { THRESHOLD_LABELS, THRESHOLD_ORDER, type ThresholdsView, type Units } from '~/utils/analytics';
import { day } from '~/utils/analytics-format';
import { useHydrated } from '../ClientOnly';
import { Badge, Card, Field, ResultNotice, SelectField, SubmitButton } from '../ui';
import { SaveRow } from './SaveRow';
import type { FormOutcome } from '~/utils/form-outcome';

type Threshold = ThresholdsView['thresholds'][number];

type Result = FormOutcome;

const USED_FOR: Record<string, string> = {
  ftp: 'the load of rides with power',
  threshold_pace: 'the load of runs (pace)',
  css: 'the load of swims',
  lthr: 'load from heart rate, and which runs count as easy',
  max_hr: 'load from heart rate; stands in for the threshold heart rate when none is set',
  resting_hr: 'load from heart rate',
};

/** A kind's rows of one source dated on or before `today`, newest first. */
const datedRows = (thresholds: Threshold[], kind: string, source: Threshold['source'], today: string) =>
  thresholds
    .filter((t) => t.kind === kind && t.source === source && t.effectiveFrom <= today)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));

/** An estimate past its horizon: nothing behind it is left in its window, so it is in effect no more (ADR 065). */
const stale = (t: Threshold, today: string) => t.effectiveUntil !== null && today >= t.effectiveUntil;

/** The value in effect today for each kind: the latest manual one dated on or before today, else the latest such estimate. */
function currentOf(thresholds: Threshold[], kind: string, today: string): Threshold | undefined {
  const estimate = datedRows(thresholds, kind, 'estimated', today)[0];
  return datedRows(thresholds, kind, 'manual', today)[0] ?? (estimate && !stale(estimate, today) ? estimate : undefined);
}

/** What an estimate rests on, with its date and the activity behind it. */
function EstimateSource({ t }: { t: Threshold }) {
  return (
    <>
      <span className="threshold-badges">
        <Badge tone="info">Estimated</Badge> from {day(t.effectiveFrom)}
        {t.receipt ? (
          <Link to={`/activities/${t.receipt.activityId}`}>
            {t.receipt.name || 'Untitled activity'}, {day(t.receipt.date)}
          </Link>
        ) : null}
      </span>
      {t.note ? <span className="threshold-note">{t.note}</span> : null}
    </>
  );
}

/** Earlier estimates of a kind: each dated, each from the efforts before its date only (ADR 065). */
function EarlierEstimates({ rows }: { rows: Threshold[] }) {
  if (rows.length === 0) return null;
  return (
    <details className="disclosure">
      <summary>
        {rows.length} earlier {rows.length === 1 ? 'estimate' : 'estimates'}
      </summary>
      <ul className="threshold-history">
        {rows.map((t) => (
          <li key={t.id} className="threshold-item">
            <p className="threshold-item-text">
              <strong className="tabular">{t.display}</strong> from {day(t.effectiveFrom)}
              <span className="threshold-item-meta">
                {t.note}
                {t.receipt ? (
                  <>
                    {' '}
                    <Link to={`/activities/${t.receipt.activityId}`}>{t.receipt.name || 'Untitled activity'}</Link>
                  </>
                ) : null}
              </span>
            </p>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function CurrentThresholds({ thresholds, today }: { thresholds: Threshold[]; today: string }) {
  return (
    <Card
      id="current"
      title="Current values"
      description={`In effect today, ${day(today)}. Manual values win over estimates from the day they apply; each estimate rests only on activities before its date.`}
    >
      <ul className="threshold-list">
        {THRESHOLD_ORDER.map((kind) => {
          const t = currentOf(thresholds, kind, today);
          // With no value in effect, an estimate that lapsed is named with its dates rather than left out.
          const last = t ? undefined : datedRows(thresholds, kind, 'estimated', today)[0];
          return (
            <li key={kind} className="threshold-row">
              <p className="threshold-head">
                <span className="threshold-name">{THRESHOLD_LABELS[kind]}</span>
                {t ? <strong className="threshold-value">{t.display}</strong> : <span className="threshold-value muted">Not set</span>}
              </p>
              <div className="threshold-source">
                {!t && last ? (
                  <span className="muted">
                    The last estimate, {last.display} from {day(last.effectiveFrom)}, lapsed on {day(last.effectiveUntil!)}: none of the
                    efforts it rested on is recent enough. Estimated again once suitable activities arrive.
                  </span>
                ) : !t ? (
                  <span className="muted">
                    {kind === 'lthr' || kind === 'resting_hr'
                      ? 'Never estimated: enter it below.'
                      : 'Estimated once suitable activities arrive.'}
                  </span>
                ) : t.source === 'manual' ? (
                  <span className="threshold-badges">
                    <Badge tone="success">Manual</Badge> from {day(t.effectiveFrom)}
                  </span>
                ) : (
                  <EstimateSource t={t} />
                )}
              </div>
              <p className="threshold-use">Used for {USED_FOR[kind]}.</p>
              <EarlierEstimates rows={datedRows(thresholds, kind, 'estimated', today).filter((e) => e !== t && e !== last)} />
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

const KIND_GROUPS = [
  { label: 'Power and pace', options: ['ftp', 'threshold_pace', 'css'].map((k) => ({ value: k, label: THRESHOLD_LABELS[k]! })) },
  { label: 'Heart rate', options: ['lthr', 'max_hr', 'resting_hr'].map((k) => ({ value: k, label: THRESHOLD_LABELS[k]! })) },
];

function hintFor(kind: string, units: Units): string {
  switch (kind) {
    case 'ftp':
      return 'In watts, e.g. 250.';
    case 'threshold_pace':
      return `As minutes:seconds per ${units === 'mi' ? 'mile' : 'km'}, e.g. ${units === 'mi' ? '7:15' : '4:30'}.`;
    case 'css':
      return 'As minutes:seconds per 100 m, e.g. 1:45.';
    default:
      return 'In beats per minute, e.g. 165.';
  }
}

export function AddThreshold({ units, today, result }: { units: Units; today: string; result?: Result }) {
  const errors = result?.fieldErrors ?? {};
  const typed = result && !result.ok ? result.values : undefined;
  const [kind, setKind] = useState(typed?.kind || 'ftp');
  const hydrated = useHydrated();
  // Without JavaScript the hint cannot follow the choice, so it lists every format.
  const hint = hydrated
    ? hintFor(kind, units)
    : `FTP in watts; heart rates in bpm; threshold pace as m:ss per ${units === 'mi' ? 'mile' : 'km'}; critical swim speed as m:ss per 100 m.`;
  return (
    <Card
      id="add"
      title="Add a value"
      description="Changing a threshold recomputes the load of every activity on the days it governs: from its date until your next value of the same kind."
    >
      {/* A new key after a save empties the form for the next value. */}
      <Form method="post" className="form threshold-form" key={result?.ok ? result.message : 'add'}>
        <input type="hidden" name="intent" value="add" />
        <div className="form-row">
          <SelectField
            label="Threshold"
            name="kind"
            groups={KIND_GROUPS}
            defaultValue={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            error={errors.kind}
          />
          <Field
            label="Value"
            name="value"
            required
            inputMode={kind === 'threshold_pace' || kind === 'css' ? 'text' : 'decimal'}
            autoComplete="off"
            defaultValue={typed?.value}
            hint={hint}
            error={errors.value}
          />
          <Field
            label="Applies from"
            name="effectiveFrom"
            type="date"
            required
            defaultValue={typed?.effectiveFrom || today}
            error={errors.effectiveFrom}
            hint="The first day this value counts for."
          />
        </div>
        <SaveRow intent="add" label="Save value" pendingText="Saving and recomputing…" result={result} />
      </Form>
    </Card>
  );
}

export function ThresholdHistory({ thresholds, today, result }: { thresholds: Threshold[]; today: string; result?: Result }) {
  // A value being removed leaves the list at once (the page's data catches up right after).
  const navigation = useNavigation();
  const removing = navigation.formData?.get('intent') === 'delete' ? navigation.formData.get('id') : null;
  const manual = thresholds.filter((t) => t.source === 'manual' && t.id !== removing);
  return (
    <Card
      id="history"
      title="Values you entered"
      description="Removing one hands its days back to your previous value, or to the estimate."
    >
      <ResultNotice result={result} />
      {manual.length === 0 ? (
        <p className="note">
          None yet. Until you enter one, loads use the estimates in effect on their day, else the activity's own best effort, or its
          duration.
        </p>
      ) : (
        THRESHOLD_ORDER.filter((k) => manual.some((t) => t.kind === k)).map((kind) => {
          const rows = manual.filter((t) => t.kind === kind).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
          const inEffect = rows.find((t) => t.effectiveFrom <= today);
          return (
            <div key={kind} className="threshold-group">
              <h3 className="section-title">{THRESHOLD_LABELS[kind]}</h3>
              <ul className="threshold-history">
                {rows.map((t, i) => (
                  <li key={t.id} className="threshold-item">
                    <p className="threshold-item-text">
                      <strong className="tabular">{t.display}</strong> from {day(t.effectiveFrom)}
                      <span className="threshold-item-meta">
                        {t.effectiveFrom > today
                          ? 'Starts later'
                          : t === inEffect
                            ? 'In effect now'
                            : `Until ${day(rows[i - 1]!.effectiveFrom)}`}
                      </span>
                    </p>
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="id" value={t.id} />
                      <SubmitButton
                        variant="danger-quiet"
                        size="sm"
                        pendingText="Removing…"
                        match={{ intent: 'delete', id: t.id }}
                        aria-label={`Remove ${THRESHOLD_LABELS[kind]} ${t.display} from ${day(t.effectiveFrom)}`}
                      >
                        Remove
                      </SubmitButton>
                    </Form>
                  </li>
                ))}
              </ul>
            </div>
          );
        })
      )}
    </Card>
  );
}
