import { Form } from '@remix-run/react';
import { useId } from 'react';
import { Segmented } from '~/components/analytics/Segmented';
import { Button, DateInput } from '~/components/ui';
import { type AnalysisParams, COMPARE_OPTIONS, CURVE_KINDS, CURVE_RANGE_OPTIONS, SPORT_LABELS, SPORTS_FOR } from '~/utils/analysis';

/** The address's other choices, carried by a dates form so submitting it changes only its own two. */
function Hidden({ params, except }: { params: AnalysisParams; except: (keyof AnalysisParams)[] }) {
  return (
    <>
      {(Object.entries(params) as [keyof AnalysisParams, string][])
        .filter(([k, v]) => v && !except.includes(k))
        .map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
    </>
  );
}

/** Two dates as a GET form: works without JavaScript, and the address stays shareable. */
function DatesForm({
  params,
  legend,
  names,
  fixed,
}: {
  params: AnalysisParams;
  legend: string;
  names: ['from', 'to'] | ['compareFrom', 'compareTo'];
  fixed: Partial<AnalysisParams>;
}) {
  const [a, b] = names;
  const id = useId();
  return (
    <Form method="get" className="curve-dates" preventScrollReset replace>
      <Hidden params={{ ...params, ...fixed }} except={names} />
      <fieldset>
        <legend>{legend}</legend>
        <div className="curve-date">
          <label htmlFor={`${id}-${a}`}>First day</label>
          <DateInput id={`${id}-${a}`} name={a} defaultValue={params[a]} required key={`${a}-${params[a]}`} />
        </div>
        <div className="curve-date">
          <label htmlFor={`${id}-${b}`}>Last day</label>
          <DateInput id={`${id}-${b}`} name={b} defaultValue={params[b]} required key={`${b}-${params[b]}`} />
        </div>
        <Button type="submit" variant="secondary" size="sm">
          Show
        </Button>
      </fieldset>
    </Form>
  );
}

/** Kind × sport × range × comparison, each a set of links (?kind=…), so every view has its own address. */
export function CurveControls({ params }: { params: AnalysisParams }) {
  const sports = SPORTS_FOR[params.kind].map((s) => ({ value: s, label: SPORT_LABELS[s] }));
  // All time has nothing before it to compare with.
  const compares = COMPARE_OPTIONS.filter((o) => !(o.value === 'previous' && params.range === 'all'));
  return (
    <div className="curve-controls">
      <div className="curve-control">
        <span className="curve-control-label" aria-hidden="true">
          Curve
        </span>
        <Segmented label="Curve" param="kind" options={CURVE_KINDS} value={params.kind} />
      </div>
      <div className="curve-control">
        <span className="curve-control-label" aria-hidden="true">
          Sport
        </span>
        <Segmented label="Sport" param="sport" options={sports} value={params.sport} />
      </div>
      <div className="curve-control">
        <span className="curve-control-label" aria-hidden="true">
          Range
        </span>
        <Segmented label="Range" param="range" options={CURVE_RANGE_OPTIONS} value={params.range} />
      </div>
      <div className="curve-control">
        <span className="curve-control-label" aria-hidden="true">
          Compare with
        </span>
        <Segmented label="Compare with" param="compare" options={compares} value={params.compare} />
      </div>
      {params.range === 'custom' ? (
        <DatesForm params={params} legend="Custom range" names={['from', 'to']} fixed={{ range: 'custom' }} />
      ) : null}
      {params.compare === 'custom' ? (
        <DatesForm params={params} legend="Range to compare with" names={['compareFrom', 'compareTo']} fixed={{ compare: 'custom' }} />
      ) : null}
    </div>
  );
}
