import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Card, EmptyState, Field, PageHeader, ResultNotice, SubmitButton } from '~/components/ui';
import { athleteOf, todayFor } from '~/utils/analytics.server';
import { requireViewer } from '~/utils/auth.server';
import { formValues, isAppError } from '~/utils/forms.server';
import { LibraryQuery, presentLibraryWorkout } from '../../../worker/features/library';
import { refuseWhileImpersonating } from '../../../worker/http/guards';

// /training/library: the athlete's own workout library (ADR 058) — search by title, tag or sport, and put a
// workout on a day of the plan with a date field (the keyboard's way; no drag needed), copy or delete it.
export const meta: MetaFunction = () => [{ title: 'Workout library · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const params = Object.fromEntries(new URL(args.request.url).searchParams);
  const parsed = LibraryQuery.safeParse(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== '')));
  const query = parsed.success ? parsed.data : {};
  const rows = await args.context.services.library.list({ userId: viewer.user.id }, query);
  return { workouts: rows.map(presentLibraryWorkout), query, today: todayFor(args.context, viewer) };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const v = formValues(await args.request.formData());
  const owner = { userId: viewer.user.id };
  const library = args.context.services.library;
  try {
    if (v.intent === 'schedule') {
      const by = { athlete: athleteOf(viewer), actorId: viewer.user.id, source: 'athlete' as const };
      await library.schedule(by, v.id ?? '', v.date ?? '');
      return { ok: true as const, message: `Added to your calendar on ${v.date}.` };
    }
    if (v.intent === 'duplicate') {
      await library.duplicate(owner, viewer.user.id, v.id ?? '');
      return { ok: true as const, message: 'Copied.' };
    }
    if (v.intent === 'delete') {
      refuseWhileImpersonating(viewer, 'delete a library workout');
      await library.remove(owner, v.id ?? '');
      return { ok: true as const, message: 'Deleted from your library.' };
    }
  } catch (err) {
    if (isAppError(err)) return data({ ok: false as const, message: err.message }, { status: err.status });
    throw err;
  }
  throw new Response('Unknown action', { status: 400 });
}

const minutes = (s: number) => `${Math.round(s / 60)} min`;

export default function Library() {
  const { workouts, query, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/training">Training</Link>}
        title="Workout library"
        description="Workouts you keep to reuse. Put one on a day of your plan; the change shows in your history and can be undone."
      />
      <div className="stack">
        <ResultNotice result={result ? { ok: result.ok, message: result.message, formError: result.message } : undefined} />
        <Card title="Find" id="library-search">
          <Form method="get" className="form-row">
            <Field label="Title" name="q" id="library-q" optional defaultValue={query.q ?? ''} />
            <Field label="Tag" name="tag" id="library-tag" optional defaultValue={query.tag ?? ''} />
            <SubmitButton pendingText="Searching…">Search</SubmitButton>
          </Form>
        </Card>
        {workouts.length === 0 ? (
          <EmptyState title="Nothing here yet">Save a planned workout to your library from its day in Training.</EmptyState>
        ) : (
          <ul className="stack">
            {workouts.map((w) => (
              <li key={w.id}>
                <Card title={w.title} id={`lib-${w.id}`} description={`${w.sport} · ${w.type} · ${minutes(w.durationSec)}`}>
                  {w.tags.length ? <p>Tags: {w.tags.join(', ')}</p> : null}
                  <Form method="post" className="form-row">
                    <input type="hidden" name="id" value={w.id} />
                    <Field label="Day" name="date" id={`date-${w.id}`} type="date" defaultValue={today} required />
                    <SubmitButton name="intent" value="schedule" pendingText="Adding…">
                      Add to calendar
                    </SubmitButton>
                  </Form>
                  <Form method="post" className="form-row">
                    <input type="hidden" name="id" value={w.id} />
                    <SubmitButton name="intent" value="duplicate" pendingText="Copying…">
                      Duplicate
                    </SubmitButton>
                    <SubmitButton name="intent" value="delete" pendingText="Deleting…">
                      Delete
                    </SubmitButton>
                  </Form>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
