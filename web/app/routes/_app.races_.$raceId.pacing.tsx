import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/cloudflare';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { CourseMap } from '~/components/maps/CourseMap';
import { CourseProfile } from '~/components/races/CourseProfile';
import { PacingSplits } from '~/components/races/PacingSplits';
import { Alert, Button, Card, Field, FormError, SelectField, SubmitButton, SuccessNotice } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { appErrorToForm, formValues, isAppError } from '~/utils/forms.server';
import { loadRace } from '~/utils/races.server';
import { COURSE_MAX_BYTES, PacingQuery, type RacePacing } from '../../../worker/features/races';
import { refuseWhileImpersonating } from '../../../worker/http/guards';
import { formatBytes, formatDistance, formatRaceTime } from '../../../worker/lib/format';

// /races/:raceId/pacing: the course (a GPX upload, its elevation profile) and the splits for a target at even effort,
// the first half checked against CS and D′ (ADR 096). Every control is a plain form: GET for the options, a
// multipart POST for the course.
export const ErrorBoundary = AppErrorBoundary;

/** "3:45:00", "45:00" or "2700" (seconds) → seconds; null when it is none of them. */
function secondsOf(text: string): number | null {
  const t = text.trim();
  if (!t) return null;
  const parts = t.split(':').map(Number);
  if (parts.some((p) => !Number.isFinite(p) || p < 0) || parts.length > 3) return null;
  return parts.reduce((s, p) => s * 60 + p, 0);
}

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const { athlete, race } = await loadRace(args.context, viewer, args.params.raceId);
  const url = new URL(args.request.url);
  const form = {
    unit: url.searchParams.get('unit') === 'mi' ? ('mi' as const) : ('km' as const),
    target: url.searchParams.get('target') ?? 'mid',
    time: url.searchParams.get('time') ?? '',
    ns: url.searchParams.get('ns') ?? '1',
  };
  const errors: Record<string, string> = {};
  const own = secondsOf(form.time);
  if (form.time && own === null) errors.time = 'Write the time as h:mm:ss, e.g. 3:45:00';
  const nsPct = Number(form.ns.replace(',', '.'));
  const query = PacingQuery.safeParse({
    unit: form.unit,
    target: ['low', 'mid', 'high'].includes(form.target) ? form.target : 'mid',
    ...(form.target === 'own' && own !== null ? { targetS: own } : {}),
    ...(form.ns.trim() ? { negativeSplit: Number.isFinite(nsPct) ? nsPct / 100 : Number.NaN } : {}),
  });
  if (!query.success) {
    const field = query.error.issues[0]?.path[0];
    if (field === 'targetS') errors.time = 'Enter a target time above zero';
    else errors.ns = 'A negative split of 0–5 %';
  }
  if (form.target === 'own' && own === null && !errors.time) errors.time = 'Enter your target time';
  let pacing: RacePacing | null = null;
  if (query.success) {
    try {
      pacing = await args.context.services.raceCourses.pacing(athlete, race.id, query.data);
    } catch (err) {
      if (!isAppError(err) || err.status !== 400) throw err;
      const path = err.details?.fields?.[0]?.path;
      errors[path === 'negativeSplit' ? 'ns' : 'time'] = err.details?.fields?.[0]?.message ?? err.message;
    }
  }
  const course = pacing?.course ?? (await args.context.services.raceCourses.get(athlete, race.id)).course;
  return { race, form, errors, pacing, course, maxBytes: COURSE_MAX_BYTES };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const { athlete, race } = await loadRace(args.context, viewer, args.params.raceId);
  const formData = await args.request.formData();
  const v = formValues(formData);
  const naming = { fieldOf: (p: string) => (p === 'course' ? 'file' : p) };
  try {
    if (v.intent === 'remove') {
      refuseWhileImpersonating(viewer, 'remove a race’s course');
      await args.context.services.raceCourses.remove(athlete, race.id);
      return { ok: true as const, message: 'Course removed: the splits are flat again.', fieldErrors: {} as Record<string, string> };
    }
    const file = formData.get('file');
    if (!file || typeof file === 'string' || file.size === 0)
      return data({ ok: false as const, fieldErrors: { file: 'Choose the course’s GPX file' } }, { status: 400 });
    if (file.size > COURSE_MAX_BYTES)
      return data(
        {
          ok: false as const,
          fieldErrors: {
            file: `The file is larger than ${formatBytes(COURSE_MAX_BYTES)}: export the course as a route, or thin the track`,
          },
        },
        { status: 400 },
      );
    const { course } = await args.context.services.raceCourses.upload(athlete, race.id, file);
    const length = formatDistance(course!.lengthM, 'km');
    return {
      ok: true as const,
      message: `Course uploaded: ${length}, ${Math.round(course!.gainM)} m of climb.`,
      fieldErrors: {} as Record<string, string>,
    };
  } catch (err) {
    const failure = appErrorToForm(err, naming);
    return data(failure, { status: failure.status });
  }
}

const TARGETS = [
  { value: 'mid', label: 'The middle of my predicted range' },
  { value: 'low', label: 'The fast end of the range' },
  { value: 'high', label: 'The slow end of the range' },
  { value: 'own', label: 'My own time (below)' },
];

export default function RacePacingTab() {
  const { race, form, errors, pacing, course, maxBytes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fileError = result && !result.ok ? result.fieldErrors.file : undefined;
  const plan = pacing?.plan ?? null;
  const notes = [...(pacing?.notes ?? []), ...(plan?.notes ?? [])];
  return (
    <div className="stack page-tab-body">
      <SuccessNotice message={result?.ok ? result.message : null} />
      <FormError message={result && !result.ok && 'formError' in result ? result.formError : null} />
      <Card id="pacing-options" title="Pacing plan" description="Even effort over the course: slower up the hills, quicker down them.">
        <Form method="get" className="stack pacing-options">
          <SelectField
            label="Splits"
            name="unit"
            id="pacing-unit"
            defaultValue={form.unit}
            groups={[
              {
                label: 'Units',
                options: [
                  { value: 'km', label: 'Per kilometre' },
                  { value: 'mi', label: 'Per mile' },
                ],
              },
            ]}
          />
          <SelectField
            label="Target"
            name="target"
            id="pacing-target"
            defaultValue={form.target}
            groups={[{ label: 'Target', options: TARGETS }]}
          />
          <Field
            label="Your target time"
            name="time"
            id="pacing-time"
            optional
            defaultValue={form.time}
            placeholder="3:45:00"
            hint="h:mm:ss; used when the target is your own"
            error={errors.time}
          />
          <Field
            label="Negative split (%)"
            name="ns"
            id="pacing-ns"
            type="number"
            min={0}
            max={5}
            step={0.5}
            inputMode="decimal"
            defaultValue={form.ns}
            hint="The second half this much faster at equal effort: 1 % is a coaching default, 0 is even effort"
            error={errors.ns}
          />
          <Button type="submit">Show splits</Button>
        </Form>
      </Card>
      {pacing?.needsTarget ? (
        <Alert tone="info" title="A target time is needed">
          {pacing.needsTarget}
        </Alert>
      ) : null}
      {plan ? (
        <Card id="pacing-splits" title={`Splits for ${formatRaceTime(plan.targetS)}`} description={pacing?.target?.why}>
          <PacingSplits plan={plan} unit={form.unit} />
        </Card>
      ) : null}
      {notes.length ? (
        <Card id="pacing-notes" title="What this plan assumes">
          <ul>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card
        id="pacing-course"
        title="Course"
        description={
          course
            ? `${course.name ?? 'Your course'}: ${formatDistance(course.lengthM, form.unit)}, ${Math.round(course.gainM)} m up and ${Math.round(course.lossM)} m down.`
            : `No course yet for ${race.name}: the splits are paced flat.`
        }
      >
        {course ? (
          <CourseMap track={course.track} name={course.name ?? race.name} lengthText={formatDistance(course.lengthM, form.unit)} />
        ) : null}
        {course ? <CourseProfile course={course} unit={form.unit} /> : null}
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="upload" />
          <Field
            label={course ? 'Replace the course (GPX)' : 'Course file (GPX)'}
            name="file"
            id="course-file"
            type="file"
            accept=".gpx,application/gpx+xml"
            required
            hint={`A GPX track or route of the race, up to ${formatBytes(maxBytes)}, within 3 % of the race’s distance.`}
            error={fileError}
          />
          <SubmitButton pendingText="Uploading…" match={{ intent: 'upload' }}>
            Upload course
          </SubmitButton>
        </Form>
        {course ? (
          <Form method="post">
            <input type="hidden" name="intent" value="remove" />
            <SubmitButton variant="secondary" pendingText="Removing…" match={{ intent: 'remove' }}>
              Remove the course
            </SubmitButton>
          </Form>
        ) : null}
      </Card>
    </div>
  );
}
