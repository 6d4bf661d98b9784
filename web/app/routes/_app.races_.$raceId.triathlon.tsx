import type { LoaderFunctionArgs } from '@remix-run/cloudflare';
import { Form, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { BikeCard, RunCard, SwimCard } from '~/components/races/TriathlonLegs';
import { Card, Field, SubmitButton } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { orNotFoundPage } from '~/utils/forms.server';
import { loadRace } from '~/utils/races.server';
import { formatRaceTime } from '../../../worker/lib/format';

// /races/:raceId/triathlon: a triathlon's swim · bike · run plan — each leg's target with its receipts, the bike's
// budget and closed form, the brick calibration, "what if", transitions (ADR 096, triathlon slice). A run: 404.
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const { athlete, race } = await loadRace(args.context, viewer, args.params.raceId);
  const q = new URL(args.request.url).searchParams;
  const hours = Number((q.get('bikeHours') ?? '').replace(',', '.'));
  const bikeHours = hours >= 0.25 && hours <= 12 ? hours : undefined;
  const flat = q.get('flat') === 'true';
  const answer = await orNotFoundPage(args.context.services.raceTriathlon.plan(athlete, race.id, { bikeHours, flat }));
  return { ...answer, bikeHours: bikeHours ?? null, flat };
}

export default function RaceTriathlon() {
  const { plan, bikeHours, flat } = useLoaderData<typeof loader>();
  const legs = [
    ['Swim', plan.swim],
    ['T1', { state: 'planned' as const, timeS: plan.transitions.t1S }],
    ['Bike', plan.bike],
    ['T2', { state: 'planned' as const, timeS: plan.transitions.t2S }],
    ['Run', plan.run],
  ] as const;
  return (
    <div className="stack page-tab-body">
      <Card title="Swim · bike · run" id="legs">
        <p>
          {plan.totalS === null ? (
            <>
              <strong>Not enough data yet</strong> for every leg: each one below says what would help.
            </>
          ) : (
            <>
              Planned: <strong>{formatRaceTime(plan.totalS)}</strong>, the legs and transitions added up. A plan at a target intensity, not
              a predicted range.
            </>
          )}
        </p>
        <table className="table race-legs-table">
          <caption>Each leg’s time</caption>
          <thead>
            <tr>
              <th scope="col">Leg</th>
              <th scope="col" className="num">
                Time
              </th>
            </tr>
          </thead>
          <tbody>
            {legs.map(([label, leg]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{leg.state === 'planned' ? formatRaceTime(leg.timeS) : 'not enough data yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Transitions: {plan.transitions.basis}.</p>
      </Card>
      <SwimCard swim={plan.swim} />
      <BikeCard bike={plan.bike} whatIf={plan.whatIf} whatIfWhy={plan.whatIfWhy} />
      <RunCard run={plan.run} bricks={plan.bricks} />
      <Card title="Your bike time and course" id="bike-input">
        <Form method="get" className="stack">
          <Field
            label="Expected bike time (hours)"
            name="bikeHours"
            id="tri-bike-hours"
            inputMode="decimal"
            optional
            defaultValue={bikeHours ?? ''}
            hint="Used when no ride of 2 hours or more with power gives your speed; 0.25 to 12"
          />
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" name="flat" value="true" defaultChecked={flat} /> A flat course (variability-index target 1.02)
            </label>
          </div>
          <SubmitButton pendingText="Planning…">Plan again</SubmitButton>
        </Form>
      </Card>
    </div>
  );
}
