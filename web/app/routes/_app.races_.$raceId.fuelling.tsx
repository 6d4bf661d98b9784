import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/cloudflare';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { FuellingPlan } from '~/components/races/FuellingPlan';
import { Alert, Card, EmptyState, Field, FormError, SelectField, SubmitButton, SuccessNotice } from '~/components/ui';
import { todayFor } from '~/utils/analytics.server';
import { requireViewer } from '~/utils/auth.server';
import { appErrorToForm, formValues, isAppError, parseValues } from '~/utils/forms.server';
import { loadRace } from '~/utils/races.server';
import { CreateGutSessionInput, CreateSweatTestInput, FuellingQuery } from '../../../worker/features/races';
import { refuseWhileImpersonating } from '../../../worker/http/guards';
import { formatDay } from '../../../worker/lib/format';

// /races/:raceId/fuelling: carbohydrate, fluids and sodium for the race, per aid station or per gel, from the
// athlete's own sweat tests and gut-training log (issue 56); both logs are kept here, by plain form posts.
export const ErrorBoundary = AppErrorBoundary;

const LAYOUTS = [
  { value: 'everyKm', label: 'An aid station every N km' },
  { value: 'aidStations', label: 'Aid stations at these km' },
  { value: 'gels', label: 'A gel whenever one is due' },
];

/** The layout the athlete chose, as the API's query: only the chosen field, empty fields left out. */
function queryOf(url: URL) {
  const p = Object.fromEntries([...url.searchParams].filter(([, v]) => v.trim() !== ''));
  const by = p.by ?? 'everyKm';
  const chosen =
    { everyKm: { everyKm: p.everyKm }, aidStations: { aidStationsKm: p.aidStationsKm }, gels: { carbsPerGel: p.carbsPerGel } }[by] ?? {};
  return { by, form: p, parsed: FuellingQuery.safeParse({ ...chosen, temperatureC: p.temperatureC }) };
}

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const { athlete, race } = await loadRace(args.context, viewer, args.params.raceId);
  const fuel = args.context.services.raceFuelling;
  const { by, form, parsed } = queryOf(new URL(args.request.url));
  let layoutError: string | null = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Check the layout');
  let answer: Awaited<ReturnType<typeof fuel.plan>>;
  try {
    answer = await fuel.plan(athlete, race.id, parsed.success ? parsed.data : {});
  } catch (err) {
    if (!isAppError(err) || err.status !== 400) throw err;
    layoutError = err.message;
    answer = await fuel.plan(athlete, race.id, {});
  }
  const [tests, sessions] = await Promise.all([fuel.sweatTests(athlete), fuel.gutSessions(athlete)]);
  return { race, answer, layoutError, by, form, tests, sessions, today: todayFor(args.context, viewer) };
}

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s.replace(',', '.')));
const orNull = (s: string | undefined) => num(s) ?? null;

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const { athlete } = await loadRace(args.context, viewer, args.params.raceId);
  const fuel = args.context.services.raceFuelling;
  const v = formValues(await args.request.formData());
  // Which form the errors belong to: the gut-training log's, else the sweat test's.
  const form = v.intent === 'gut' ? ('gut' as const) : ('sweat' as const);
  const done = (message: string) => ({ ok: true as const, message, form, fieldErrors: {} as Record<string, string> });
  const refused = <T extends object>(failure: T, status: number) => data({ ...failure, form }, { status });
  try {
    if (v.intent === 'delete-sweat-test') {
      refuseWhileImpersonating(viewer, 'delete a sweat test');
      await fuel.removeSweatTest(athlete, v.id ?? '');
      return done('Sweat test deleted.');
    }
    if (v.intent === 'delete-gut') {
      refuseWhileImpersonating(viewer, 'delete a gut-training session');
      await fuel.removeGutSession(athlete, v.id ?? '');
      return done('Session deleted.');
    }
    if (v.intent === 'gut') {
      const values = {
        date: v.date,
        carbsGPerH: num(v.carbsGPerH),
        durationMin: num(v.durationMin),
        comfort: num(v.comfort),
        note: v.note,
      };
      const parsed = parseValues(values, CreateGutSessionInput);
      if (!parsed.ok) return refused(parsed, 400);
      await fuel.addGutSession(athlete, parsed.data);
      return done('Gut-training session logged.');
    }
    const values = {
      date: v.date,
      durationMin: num(v.durationMin),
      massBeforeKg: num(v.massBeforeKg),
      massAfterKg: num(v.massAfterKg),
      fluidL: num(v.fluidL),
      urineL: orNull(v.urineL),
      temperatureC: orNull(v.temperatureC),
      note: v.note,
    };
    const parsed = parseValues(values, CreateSweatTestInput);
    if (!parsed.ok) return refused(parsed, 400);
    const test = await fuel.addSweatTest(athlete, parsed.data);
    return done(`Sweat test logged: ${test.rateLPerH.toFixed(2)} L/h.`);
  } catch (err) {
    const failure = appErrorToForm(err);
    return refused(failure, failure.status);
  }
}

export default function RaceFuellingTab() {
  const { answer, layoutError, by, form, tests, sessions, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.fieldErrors : {};
  const sweatForm = result?.form === 'sweat';
  return (
    <div className="stack page-tab-body">
      <SuccessNotice message={result?.ok ? result.message : null} />
      <FormError message={result && !result.ok && 'formError' in result ? result.formError : null} />
      <Card title="Aid stations or gels" id="fuel-layout" description="How the plan below is laid out, and the day’s temperature.">
        <Form method="get" className="stack">
          <SelectField label="By" name="by" id="fuel-by" defaultValue={by} groups={[{ label: 'Layout', options: LAYOUTS }]} />
          <Field label="Every N km" name="everyKm" id="fuel-every-km" inputMode="decimal" optional defaultValue={form.everyKm ?? '5'} />
          <Field
            label="Aid stations at (km)"
            name="aidStationsKm"
            id="fuel-stations"
            optional
            hint="For example 5, 10, 15, 20"
            defaultValue={form.aidStationsKm}
          />
          <Field
            label="Grams of carbohydrate per gel"
            name="carbsPerGel"
            id="fuel-gel"
            inputMode="decimal"
            optional
            defaultValue={form.carbsPerGel ?? '25'}
          />
          <Field
            label="Race-day temperature (°C)"
            name="temperatureC"
            id="fuel-temp"
            inputMode="decimal"
            optional
            hint="Picks your sweat tests in similar weather"
            defaultValue={form.temperatureC}
          />
          <SubmitButton pendingText="Working…">Show the plan</SubmitButton>
        </Form>
        {layoutError ? <Alert tone="warning">{layoutError} The plan below uses an aid station every 5 km.</Alert> : null}
      </Card>
      {answer.plan ? <FuellingPlan plan={answer.plan} /> : <EmptyState title="No plan yet">{answer.reason}</EmptyState>}
      <SweatTestCard errors={sweatForm ? errors : {}} today={today} tests={tests} />
      <GutTrainingCard errors={!sweatForm ? errors : {}} today={today} sessions={sessions} />
    </div>
  );
}

type Errors = Record<string, string>;
type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function SweatTestCard({ errors, today, tests }: { errors: Errors; today: string; tests: Loaded['tests'] }) {
  return (
    <Card
      title="Sweat test"
      id="sweat-test"
      description="Weigh yourself before and after a workout of an hour or so, nude and towelled dry."
    >
      <p>
        <strong>Sweat rate (L/h) = (mass before − mass after + fluid drunk − urine) ÷ hours</strong>: 1 kg lost is 1 L of sweat.
      </p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="sweat-test" />
        <Field label="Date" name="date" id="sweat-date" type="date" max={today} defaultValue={today} required error={errors.date} />
        <Field label="Minutes of exercise" name="durationMin" id="sweat-minutes" inputMode="decimal" required error={errors.durationMin} />
        <Field label="Mass before (kg)" name="massBeforeKg" id="sweat-before" inputMode="decimal" required error={errors.massBeforeKg} />
        <Field label="Mass after (kg)" name="massAfterKg" id="sweat-after" inputMode="decimal" required error={errors.massAfterKg} />
        <Field label="Fluid drunk (L)" name="fluidL" id="sweat-fluid" inputMode="decimal" required defaultValue="0" error={errors.fluidL} />
        <Field label="Urine passed (L)" name="urineL" id="sweat-urine" inputMode="decimal" optional error={errors.urineL} />
        <Field label="Temperature (°C)" name="temperatureC" id="sweat-temp" inputMode="decimal" optional error={errors.temperatureC} />
        <Field label="Note" name="note" id="sweat-note" optional maxLength={500} error={errors.note} />
        <SubmitButton pendingText="Saving…">Save sweat test</SubmitButton>
      </Form>
      {tests.length === 0 ? (
        <p className="muted">No sweat test yet: the plan uses a conservative default.</p>
      ) : (
        <ul className="stack" aria-label="Your sweat tests">
          {tests.map((t) => (
            <li key={t.id}>
              {formatDay(t.date)}: <strong>{t.rateLPerH.toFixed(2)} L/h</strong> — {t.basis}
              {t.temperatureC !== null ? `, ${t.temperatureC} °C` : ''}
              {t.note ? ` (${t.note})` : ''}
              <Form method="post" className="race-delete">
                <input type="hidden" name="id" value={t.id} />
                <SubmitButton name="intent" value="delete-sweat-test" pendingText="Deleting…" variant="danger-quiet" size="sm">
                  Delete test of {formatDay(t.date)}
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function GutTrainingCard({ errors, today, sessions }: { errors: Errors; today: string; sessions: Loaded['sessions'] }) {
  return (
    <Card
      title="Gut training"
      id="gut-training"
      description="Three comfortable sessions at 80 g/h or more for an hour or longer in the last 12 weeks let the plan go above 90 g/h (never above 120)."
    >
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="gut" />
        <Field label="Date" name="date" id="gut-date" type="date" max={today} defaultValue={today} required error={errors.date} />
        <Field label="Carbohydrate (g per hour)" name="carbsGPerH" id="gut-carbs" inputMode="decimal" required error={errors.carbsGPerH} />
        <Field label="Minutes" name="durationMin" id="gut-minutes" inputMode="decimal" required error={errors.durationMin} />
        <SelectField
          label="GI comfort"
          name="comfort"
          id="gut-comfort"
          defaultValue="4"
          error={errors.comfort}
          groups={[
            {
              label: 'Comfort',
              options: [
                { value: '5', label: '5 — no trouble' },
                { value: '4', label: '4 — minor' },
                { value: '3', label: '3 — noticeable' },
                { value: '2', label: '2 — bad' },
                { value: '1', label: '1 — severe' },
              ],
            },
          ]}
        />
        <Field label="Note" name="note" id="gut-note" optional maxLength={500} error={errors.note} />
        <SubmitButton pendingText="Saving…">Log session</SubmitButton>
      </Form>
      {sessions.length > 0 ? (
        <ul className="stack" aria-label="Your gut-training sessions">
          {sessions.map((s) => (
            <li key={s.id}>
              {formatDay(s.date)}: {s.carbsGPerH} g/h for {s.durationMin} min, comfort {s.comfort} of 5{s.note ? ` (${s.note})` : ''}
              <Form method="post" className="race-delete">
                <input type="hidden" name="id" value={s.id} />
                <SubmitButton name="intent" value="delete-gut" pendingText="Deleting…" variant="danger-quiet" size="sm">
                  Delete session of {formatDay(s.date)}
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
