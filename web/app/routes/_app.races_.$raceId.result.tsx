import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { distanceWords, finishTime } from '~/components/races/RaceCard';
import { DisciplineCard, ErrorCard, FuelCard, SplitsCard } from '~/components/races/RaceResult';
import { Card, EmptyState, Field, FormError, RadioGroup, SubmitButton, SuccessNotice } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { appErrorToForm, formValues, parseValues } from '~/utils/forms.server';
import { loadRace } from '~/utils/races.server';
import { MarkResultInput } from '../../../worker/features/races';
import { refuseWhileImpersonating } from '../../../worker/http/guards';
import { formatDay } from '../../../worker/lib/format';

// /races/:raceId/result: after the race, mark which run was the race (a run within a day of it and 5 % of its
// distance, or any activity of yours by id) with the fuel you logged; then the splits planned against run, the
// halves, the fuel per hour and the prediction's error. Before the race day it says when it opens.
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const { athlete, race } = await loadRace(args.context, viewer, args.params.raceId);
  return { race, view: await args.context.services.raceOutcomes.view(athlete, race.id) };
}

/** A number field's value: empty is "not logged" (null); a comma is a decimal point; anything else goes to zod. */
const amount = (v: string | undefined) => {
  const x = (v ?? '').trim().replace(',', '.');
  return x === '' ? null : Number.isFinite(Number(x)) ? Number(x) : x;
};

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const { athlete, race } = await loadRace(args.context, viewer, args.params.raceId);
  const v = formValues(await args.request.formData());
  const naming = { fieldOf: (p: string) => (p === 'activityId' ? (v.activityId === 'other' ? 'otherId' : 'activityId') : p) };
  const service = args.context.services.raceOutcomes;
  try {
    if (v.intent === 'unmark') {
      refuseWhileImpersonating(viewer, 'take a race result off');
      await service.unmark(athlete, race.id);
      return { ok: true as const, message: 'Result taken off.', fieldErrors: {} as Record<string, string> };
    }
    const activityId = v.activityId === 'other' || !v.activityId ? (v.otherId ?? '').trim() : v.activityId;
    const input = { activityId, carbsG: amount(v.carbsG), fluidL: amount(v.fluidL), note: v.note ?? null };
    const parsed = parseValues(input, MarkResultInput, naming);
    if (!parsed.ok) return data(parsed, { status: 400 });
    await service.mark(athlete, race.id, parsed.data);
    return { ok: true as const, message: 'Result marked.', fieldErrors: {} as Record<string, string> };
  } catch (err) {
    const failure = appErrorToForm(err, naming);
    return data(failure, { status: failure.status });
  }
}

type View = ReturnType<typeof useLoaderData<typeof loader>>['view'];

function MarkForm({ view, errors }: { view: View; errors: Record<string, string> }) {
  const chosen = view.result?.activityId;
  const listed = view.suggestions.some((s) => s.id === chosen);
  const options = [
    ...view.suggestions.map((s) => ({
      value: s.id,
      label: `${s.name} · ${distanceWords(Math.round(s.distanceM))} · ${finishTime(s.elapsedTimeS)} · ${formatDay(s.localDate)}${s.markedRace ? ' · marked a race' : ''}`,
    })),
    { value: 'other', label: 'Another of my activities (its id below)' },
  ];
  return (
    <Card title={view.result ? 'Your result' : 'Mark your result'} id="mark-result">
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="mark" />
        {view.suggestions.length === 0 ? (
          <p className="muted">No run within a day of the race and 5 % of its distance: give the activity’s id below.</p>
        ) : null}
        <RadioGroup
          label="Which activity was the race?"
          name="activityId"
          options={options}
          defaultValue={chosen ? (listed ? chosen : 'other') : view.suggestions.length === 1 ? view.suggestions[0]!.id : undefined}
          error={errors.activityId}
        />
        <Field
          label="Another activity’s id"
          name="otherId"
          id="result-other-id"
          optional
          defaultValue={chosen && !listed ? chosen : ''}
          hint="From the activity page’s address: /activities/<id>"
          error={errors.otherId}
        />
        <Field
          label="Carbohydrate taken (g)"
          name="carbsG"
          id="result-carbs"
          inputMode="decimal"
          optional
          defaultValue={view.result?.carbsG ?? ''}
          error={errors.carbsG}
        />
        <Field
          label="Fluid drunk (L)"
          name="fluidL"
          id="result-fluid"
          inputMode="decimal"
          optional
          defaultValue={view.result?.fluidL ?? ''}
          error={errors.fluidL}
        />
        <Field
          label="Note"
          name="note"
          id="result-note"
          optional
          maxLength={2000}
          defaultValue={view.result?.note ?? ''}
          error={errors.note}
        />
        <SubmitButton pendingText="Saving…">{view.result ? 'Save result' : 'Mark result'}</SubmitButton>
      </Form>
      {view.result ? (
        <Form method="post" className="race-delete">
          <SubmitButton name="intent" value="unmark" pendingText="Taking off…" variant="danger-quiet" size="sm">
            Take the result off
          </SubmitButton>
        </Form>
      ) : null}
    </Card>
  );
}

export default function RaceResult() {
  const { race, view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.fieldErrors : {};
  if (view.state === 'upcoming')
    return (
      <div className="stack page-tab-body">
        <EmptyState title="After the race">
          The result opens on race day, {formatDay(view.opensOn)}: mark your run then to see your splits against the plan, your pacing and
          the prediction’s error.
        </EmptyState>
      </div>
    );
  const c = view.comparison;
  return (
    <div className="stack page-tab-body">
      <SuccessNotice message={result?.ok ? result.message : null} />
      <FormError message={result && !result.ok && 'formError' in result ? result.formError : null} />
      {view.result ? (
        <p>
          {race.name}: <Link to={`/activities/${view.result.activityId}`}>{view.result.activityName}</Link>,{' '}
          {formatDay(view.result.activityDate)}, {finishTime(view.result.finishS)}.
        </p>
      ) : null}
      {!view.predictionBefore && !view.result ? <p className="muted">No prediction was made before the race day.</p> : null}
      <MarkForm view={view} errors={errors} />
      {c ? (
        <>
          <SplitsCard splits={c.splits} />
          <DisciplineCard halves={c.halves} />
          <FuelCard fuel={c.fuel} />
          <ErrorCard error={c.error} finishS={c.finishS} />
        </>
      ) : null}
    </div>
  );
}
