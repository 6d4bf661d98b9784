import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { CourseMap } from '~/components/maps/CourseMap';
import { encodePolyline } from '../../../worker/lib/polyline';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { CourseProfile } from '~/components/races/CourseProfile';
import { Alert, Badge, Card, Field, FormError, PageHeader, SelectField, SubmitButton, SuccessNotice } from '~/components/ui';
import { athleteOf } from '~/utils/analytics.server';
import { requireViewer } from '~/utils/auth.server';
import { GARMIN_LABELS, SPORT_LABELS, SPORT_OPTIONS } from '~/utils/courses';
import { formatDateTime, formatDistance } from '~/utils/format';
import { appErrorToForm, formValues, orNotFoundPage, parseValues } from '~/utils/forms.server';
import { UpdateCourse } from '../../../worker/features/maps';
import { refuseWhileImpersonating } from '../../../worker/http/guards';
import { isUuid } from '../../../worker/lib/ids';

// /courses/:id: one course — its length and climb in the athlete's units, the elevation profile, the route drawn —
// with "Send to Garmin" (its outcome or why it cannot go), "Use for a race", rename and delete (ADR 101).
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.name ?? 'Course'} · Cadence` }];
export const ErrorBoundary = AppErrorBoundary;

const idOf = (id: string | undefined) => {
  if (!id || !isUuid(id)) throw new Response('Not found', { status: 404 });
  return id;
};

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const athlete = athleteOf(viewer);
  const course = await orNotFoundPage(args.context.services.courses.get(athlete, idOf(args.params.id)));
  const races = (await args.context.services.races.list(athlete)).filter((r) => r.sport === 'run');
  return {
    course,
    races: races.map((r) => ({ id: r.id, name: r.name, distanceM: r.distanceM })),
    units: athlete.units,
    zone: viewer.user.timeZone,
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const athlete = athleteOf(viewer);
  const id = idOf(args.params.id);
  const v = formValues(await args.request.formData());
  const { courses } = args.context.services;
  try {
    if (v.intent === 'delete') {
      refuseWhileImpersonating(viewer, 'delete a course');
      await courses.remove(athlete, id);
      return redirect('/courses');
    }
    if (v.intent === 'garmin') {
      refuseWhileImpersonating(viewer, 'send a course to Garmin');
      const c = await courses.sendToGarmin(athlete, id);
      return {
        ok: true as const,
        intent: v.intent,
        message: c.garmin.status === 'sent' ? 'Sent to Garmin: it syncs to your device with Garmin Connect.' : null,
      };
    }
    if (v.intent === 'race') {
      const r = await courses.copyToRace(athlete, id, v.raceId ?? '');
      return {
        ok: true as const,
        intent: v.intent,
        message: `Used for the race: its pacing now follows this course (${Math.round(r.course?.gainM ?? 0)} m of climb).`,
        raceId: r.raceId,
      };
    }
    const parsed = parseValues({ name: v.name ?? '', ...(v.sport ? { sport: v.sport } : {}) }, UpdateCourse);
    if (!parsed.ok) return data({ ...parsed, intent: 'rename' }, { status: 400 });
    await courses.update(athlete, id, parsed.data);
    return { ok: true as const, intent: 'rename', message: 'Saved.' };
  } catch (err) {
    const failure = appErrorToForm(err, { fieldOf: (p) => (p === 'course' ? 'raceId' : p) });
    return data({ ...failure, intent: v.intent ?? 'rename' }, { status: failure.status });
  }
}

export default function CoursePage() {
  const { course: c, races, units, zone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : null;
  const errors = failed?.fieldErrors ?? {};
  const g = c.garmin;
  const length = formatDistance(c.lengthM, units) ?? '0 km';
  const routeLine = encodePolyline(c.route.lat.map((lat, i) => ({ lat, lon: c.route.lon[i]! })));
  const climb = c.hasElevation ? `${Math.round(c.gainM)} m up, ${Math.round(c.lossM)} m down` : 'no elevation in its file';
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/courses">Courses</Link>}
        title={c.name}
        description={`${SPORT_LABELS[c.sport] ?? c.sport} · ${length} · ${climb}`}
      />
      <div className="stack">
        <SuccessNotice message={result?.ok ? result.message : null} />
        <FormError message={failed && 'formError' in failed ? failed.formError : null} />
        <Card id="course-profile" title="Profile" description={`${length}, ${climb}. ${c.pointCount} points, about every 10 m.`}>
          <CourseProfile course={{ ...c, uploadedAt: c.createdAt, track: '' }} unit={units} />
          <CourseMap track={routeLine} name={c.name} lengthText={length} />
          {c.activity ? (
            <p className="muted">
              Made from {c.activity.id ? <Link to={`/activities/${c.activity.id}`}>an activity</Link> : 'an activity since deleted'}
              {c.activity.fromS !== null || c.activity.toS !== null ? ` (seconds ${c.activity.fromS ?? 0}–${c.activity.toS ?? 'end'})` : ''}
              .
            </p>
          ) : null}
        </Card>
        <Card
          id="course-garmin"
          title="On your Garmin"
          description="Sent to Garmin Connect, the course syncs to your watch or bike computer and shows under Courses."
        >
          <p>
            <Badge tone={GARMIN_LABELS[g.status]!.tone}>{GARMIN_LABELS[g.status]!.text}</Badge>
            {g.sentAt && g.status === 'sent' ? ` ${formatDateTime(g.sentAt, zone)}` : ''}
          </p>
          {g.status === 'failed' && g.error ? <Alert tone="error">{g.error}</Alert> : null}
          {g.blocked ? (
            <Alert tone="info">{g.blocked}</Alert>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="garmin" />
              <SubmitButton pendingText="Sending…" match={{ intent: 'garmin' }}>
                {g.status === 'sent' ? 'Send to Garmin again' : 'Send to Garmin'}
              </SubmitButton>
            </Form>
          )}
        </Card>
        <Card
          id="course-race"
          title="Use for a race"
          description="Its hills pace the race’s splits. The course must be within 3 % of the race’s distance."
        >
          {races.length ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="race" />
              <SelectField
                label="Race"
                name="raceId"
                id="course-race-id"
                groups={[
                  {
                    label: 'Your races',
                    options: races.map((r) => ({ value: r.id, label: `${r.name} (${formatDistance(r.distanceM, units)})` })),
                  },
                ]}
                error={errors.raceId}
              />
              <SubmitButton variant="secondary" pendingText="Saving…" match={{ intent: 'race' }}>
                Use for this race
              </SubmitButton>
              {result?.ok && 'raceId' in result ? <Link to={`/races/${result.raceId}/pacing`}>See the race’s pacing</Link> : null}
            </Form>
          ) : (
            <p>
              No races yet: <Link to="/races">add a race</Link> first.
            </p>
          )}
        </Card>
        <Card id="course-edit" title="Name and sport">
          <div className="stack">
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="rename" />
              <Field label="Name" name="name" id="course-edit-name" defaultValue={c.name} maxLength={100} required error={errors.name} />
              <SelectField
                label="Sport"
                name="sport"
                id="course-edit-sport"
                defaultValue={c.sport}
                groups={[{ label: 'Sport', options: SPORT_OPTIONS }]}
              />
              <SubmitButton variant="secondary" pendingText="Saving…" match={{ intent: 'rename' }}>
                Save
              </SubmitButton>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <SubmitButton variant="danger" pendingText="Deleting…" match={{ intent: 'delete' }}>
                Delete this course
              </SubmitButton>
            </Form>
          </div>
        </Card>
      </div>
    </>
  );
}
