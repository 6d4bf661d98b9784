import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { RaceCard } from '~/components/races/RaceCard';
import { PastRaces } from '~/components/races/PastRaces';
import { ButtonLink, Card, EmptyState, Field, FormError, PageHeader, SelectField, SubmitButton, SuccessNotice } from '~/components/ui';
import { athleteOf, todayFor } from '~/utils/analytics.server';
import { requireViewer } from '~/utils/auth.server';
import { appErrorToForm, formValues, parseValues } from '~/utils/forms.server';
import { CreateRaceInput, FORMAT_SPECS, TRI_FORMATS } from '../../../worker/features/races';
import { refuseWhileImpersonating } from '../../../worker/http/guards';

// /races: the athlete's upcoming races (their own and their plan's goal race), each with its predicted finish and
// the receipts behind it, and "Add a race". Free on every tier: predictions with receipts are analytics (ADR 096).
export const meta: MetaFunction = () => [{ title: 'Races · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

const DISTANCES = [
  { value: '5000', label: '5 km' },
  { value: '10000', label: '10 km' },
  { value: '21098', label: 'Half marathon' },
  { value: '42195', label: 'Marathon' },
  { value: '1609', label: '1 mile' },
  { value: '15000', label: '15 km' },
  { value: 'custom', label: 'Another distance (below)' },
];
/** Triathlons by format: the distance is the legs' total. Built in the loader: the formats' module is server code. */
const triathlonOptions = () =>
  TRI_FORMATS.map((f) => {
    const s = FORMAT_SPECS[f];
    return { value: `tri:${f}`, label: `${s.label} triathlon (${s.swimM / 1000} / ${s.bikeM / 1000} / ${s.runM / 1000} km)` };
  });

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const athlete = athleteOf(viewer);
  const { races, racePredictions } = args.context.services;
  const list = await races.list(athlete);
  // One prediction per race, in turn: each reads the same cached analytics answers.
  const cards = [];
  for (const race of list) cards.push({ race, ...(await racePredictions.prediction(athlete, race.id)) });
  const past = await args.context.services.raceOutcomes.past(athlete);
  return { cards, past, today: todayFor(args.context, viewer), triathlons: triathlonOptions() };
}

/** The form's distance: a common one by its metres, or the custom field in kilometres. */
function distanceOf(v: Record<string, string>): number | string {
  if (v.distance !== 'custom') return Number(v.distance);
  const km = Number((v.customKm ?? '').replace(',', '.'));
  return v.customKm && Number.isFinite(km) ? Math.round(km * 1000) : '';
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const v = formValues(await args.request.formData());
  const athlete = athleteOf(viewer);
  const naming = {
    fieldOf: (p: string) =>
      p === 'distanceM' ? (v.distance === 'custom' ? 'customKm' : 'distance') : p === 'format' || p === 'sport' ? 'distance' : p,
  };
  try {
    if (v.intent === 'delete') {
      refuseWhileImpersonating(viewer, 'delete a race');
      await args.context.services.races.remove(athlete, v.id ?? '');
      return { ok: true as const, message: 'Race deleted.', fieldErrors: {} as Record<string, string> };
    }
    const tri = v.distance?.startsWith('tri:') ? v.distance.slice(4) : null;
    const body = tri
      ? { name: v.name, sport: 'triathlon', format: tri, raceDate: v.raceDate }
      : { name: v.name, distanceM: distanceOf(v), raceDate: v.raceDate };
    const parsed = parseValues(body, CreateRaceInput, naming);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const race = await args.context.services.races.create(athlete, parsed.data);
    return { ok: true as const, message: `${race.name} added.`, fieldErrors: {} as Record<string, string> };
  } catch (err) {
    const failure = appErrorToForm(err, naming);
    return data(failure, { status: failure.status });
  }
}

export default function Races() {
  const { cards, past, today, triathlons } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.fieldErrors : {};
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/training">Training</Link>}
        title="Races"
        description="Your upcoming races and a predicted finish for each: a range from your own recent bests, with how it was worked out."
      />
      <div className="stack">
        <SuccessNotice message={result?.ok ? result.message : null} />
        <FormError message={result && !result.ok && 'formError' in result ? result.formError : null} />
        {cards.length === 0 ? (
          <EmptyState title="No races planned">Add a race below to see its predicted finish.</EmptyState>
        ) : (
          <ul className="stack race-list">
            {cards.map((c) => (
              <li key={c.race.id}>
                <RaceCard
                  race={c.race}
                  prediction={c.prediction}
                  help={c.help}
                  folded
                  deleteForm={
                    <div className="race-actions">
                      <ButtonLink to={`/races/${c.race.id}`} variant="secondary">
                        Open the race
                      </ButtonLink>
                      {c.race.source === 'athlete' ? (
                        <Form method="post">
                          <input type="hidden" name="id" value={c.race.id} />
                          <SubmitButton name="intent" value="delete" pendingText="Deleting…" variant="danger-quiet" size="sm">
                            Delete race
                          </SubmitButton>
                        </Form>
                      ) : (
                        <p className="muted">
                          Change it in <Link to="/training">your plan</Link>.
                        </p>
                      )}
                    </div>
                  }
                />
              </li>
            ))}
          </ul>
        )}
        <Card title="Add a race" id="add-race">
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="create" />
            <Field label="Name" name="name" id="race-name" required maxLength={120} error={errors.name} />
            <SelectField
              label="Distance"
              name="distance"
              id="race-distance"
              defaultValue="10000"
              error={errors.distance}
              groups={[
                { label: 'Common distances', options: DISTANCES },
                { label: 'Triathlon', options: triathlons },
              ]}
            />
            <Field
              label="Another distance (km)"
              name="customKm"
              id="race-custom-km"
              inputMode="decimal"
              optional
              hint="From 1.5 km to the marathon (42.2 km), when you chose another distance"
              error={errors.customKm}
            />
            <Field label="Date" name="raceDate" id="race-date" type="date" min={today} required error={errors.raceDate} />
            <SubmitButton pendingText="Adding…">Add race</SubmitButton>
          </Form>
        </Card>
        <PastRaces items={past} />
      </div>
    </>
  );
}
