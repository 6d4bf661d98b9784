import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { MapsTabs } from '~/components/maps/MapsTabs';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Badge, Card, EmptyState, Field, FormError, PageHeader, SelectField, SubmitButton } from '~/components/ui';
import { athleteOf } from '~/utils/analytics.server';
import { requireViewer } from '~/utils/auth.server';
import { GARMIN_LABELS, SPORT_LABELS, SPORT_OPTIONS } from '~/utils/courses';
import { formatDistance } from '~/utils/format';
import { appErrorToForm, formValues } from '~/utils/forms.server';
import { CourseSport } from '../../../worker/features/maps';
import { COURSE_MAX_BYTES } from '../../../worker/features/races';
import { formatBytes } from '../../../worker/lib/format';

// /courses: the athlete's courses (a GPX import, or made from an activity's route), each with its length, climb and
// whether it is on their Garmin; and "Import a GPX course" (ADR 101).
export const meta: MetaFunction = () => [{ title: 'Courses · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const athlete = athleteOf(viewer);
  const list = await args.context.services.courses.list(athlete);
  return { ...list, units: athlete.units, maxBytes: COURSE_MAX_BYTES };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const formData = await args.request.formData();
  const v = formValues(formData);
  const file = formData.get('file');
  if (!file || typeof file === 'string' || file.size === 0)
    return data({ ok: false as const, fieldErrors: { file: 'Choose the course’s GPX file' } as Record<string, string> }, { status: 400 });
  if (file.size > COURSE_MAX_BYTES)
    return data(
      {
        ok: false as const,
        fieldErrors: {
          file: `The file is larger than ${formatBytes(COURSE_MAX_BYTES)}: export the course as a route, or thin the track`,
        } as Record<string, string>,
      },
      { status: 400 },
    );
  const sport = CourseSport.safeParse(v.sport);
  try {
    const course = await args.context.services.courses.fromGpx(athleteOf(viewer), file, {
      ...(sport.success ? { sport: sport.data } : {}),
      ...(v.name?.trim() ? { name: v.name.trim().slice(0, 100) } : {}),
    });
    return redirect(`/courses/${course.id}`);
  } catch (err) {
    const failure = appErrorToForm(err, { fieldOf: (p) => (p === 'course' ? 'file' : p) });
    return data(failure, { status: failure.status });
  }
}

export default function CoursesPage() {
  const { courses, limit, units, maxBytes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.fieldErrors : {};
  const formError = result && 'formError' in result && typeof result.formError === 'string' ? result.formError : null;
  return (
    <>
      <PageHeader
        title="Courses"
        description="Routes to follow: import a GPX, or make one from an activity. See its climb, send it to your Garmin, pace a race on it."
      />
      <MapsTabs />
      <div className="stack">
        <FormError message={formError} />
        {courses.length === 0 ? (
          <EmptyState title="No courses yet">
            <p>
              Import a course’s GPX below (from a race’s website, a route planner or your watch), or open one of your{' '}
              <Link to="/activities">activities</Link> and choose “Make a course”.
            </p>
          </EmptyState>
        ) : (
          <Card id="courses-list" title="Your courses" description={`${courses.length} of the ${limit} Cadence keeps.`}>
            <div>
              <table className="table race-reflow" aria-label="Your courses">
                <thead>
                  <tr>
                    <th scope="col">Course</th>
                    <th scope="col">Sport</th>
                    <th scope="col">Length</th>
                    <th scope="col">Climb</th>
                    <th scope="col">Garmin</th>
                  </tr>
                </thead>
                <tbody>
                  {courses.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/courses/${c.id}`}>{c.name}</Link>
                      </th>
                      <td data-label="Sport">{SPORT_LABELS[c.sport] ?? c.sport}</td>
                      <td data-label="Length">{formatDistance(c.lengthM, units) ?? '—'}</td>
                      <td data-label="Climb">{c.hasElevation ? `${Math.round(c.gainM)} m` : 'no elevation'}</td>
                      <td data-label="Garmin">
                        <Badge tone={GARMIN_LABELS[c.garminStatus]!.tone}>{GARMIN_LABELS[c.garminStatus]!.text}</Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        )}
        <Card id="import-course" title="Import a GPX course">
          <Form method="post" encType="multipart/form-data" className="stack">
            <Field
              label="GPX file"
              name="file"
              id="course-file"
              type="file"
              accept=".gpx,application/gpx+xml"
              required
              hint={`A GPX track or route, up to ${formatBytes(maxBytes)}.`}
              error={errors.file}
            />
            <Field
              label="Name"
              name="name"
              id="course-name"
              optional
              maxLength={100}
              hint="The file’s own name when left empty."
              error={errors.name}
            />
            <SelectField
              label="Sport"
              name="sport"
              id="course-sport"
              defaultValue="run"
              groups={[{ label: 'Sport', options: SPORT_OPTIONS }]}
            />
            <SubmitButton pendingText="Importing…">Import course</SubmitButton>
          </Form>
        </Card>
      </div>
    </>
  );
}
