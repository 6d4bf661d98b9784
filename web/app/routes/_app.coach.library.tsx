import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { useLoaderData } from '@remix-run/react';
import { LibraryWorkouts } from '~/components/coach/library/LibraryWorkouts';
import { TemplatesPanel } from '~/components/coach/library/TemplatesPanel';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { UpgradePrompt } from '~/components/membership/UpgradePrompt';
import { PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { requireMember } from '~/utils/coach.server';
import { addDays, mondayOf, todayIn } from '../../../worker/lib/dates';
import { LibraryQuery, presentLibraryWorkout, presentTemplate } from '../../../worker/features/library';

// /coach/library: the org's workout library (folders, tags, search; build or edit a workout with the
// athlete's builder — text or step list; duplicate, delete) and its plan templates (weeks of library
// workouts by weekday, applied to chosen clients from a Monday, a result per client). The loader reads
// with the API's services; changes go through the API (/api/v1/coach/library, /templates) and reload it.
export const meta: MetaFunction = () => [{ title: 'Library · Coach · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const m = await requireMember(args);
  const { user } = await requireViewer(args);
  const { services } = args.context;
  const team = await services.membership.hasTeam(m.org.id);
  const params = Object.fromEntries(new URL(args.request.url).searchParams);
  const parsed = LibraryQuery.safeParse(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== '')));
  const query = parsed.success ? parsed.data : {};
  const today = todayIn(m.org.timeZone, new Date());
  const base = { team, query, units: user.units, nextMonday: addDays(mondayOf(today), 7) };
  if (!team) return { ...base, workouts: [], folders: [], templates: [], library: [], clients: [] };
  const owner = { orgId: m.org.id };
  const [workouts, all, templates, clients] = await Promise.all([
    services.library.list(owner, query),
    services.library.list(owner, {}),
    services.templates.list(m.org.id),
    services.coach.listClients(m),
  ]);
  return {
    ...base,
    workouts: workouts.map(presentLibraryWorkout),
    // Every folder of the library, for the filter and the editor, whatever the search shows.
    folders: [...new Set(all.map((w) => w.folder).filter((f): f is string => !!f))].sort(),
    templates: templates.map(presentTemplate),
    // The library as a whole, for building templates.
    library: all.map((w) => ({ id: w.id, title: w.title, folder: w.folder })),
    clients: clients.filter((c) => c.athleteUserId !== null && !c.archived).map((c) => ({ id: c.id, name: c.name })),
  };
}

export default function CoachLibrary() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        eyebrow="Coach"
        title="Library"
        description="Workouts and blocks of weeks you build once and give to clients: drag a workout onto a client’s day from their page, or apply a template to several clients at once."
      />
      {!d.team ? (
        <UpgradePrompt feature="client_plans" name="The workout library and plan templates" plural>
          <p>Build structured workouts, keep them in folders, and put them or whole blocks of weeks on your clients’ plans.</p>
        </UpgradePrompt>
      ) : (
        <div className="coach-library">
          <LibraryWorkouts workouts={d.workouts} folders={d.folders} query={d.query} units={d.units} />
          <TemplatesPanel templates={d.templates} library={d.library} clients={d.clients} nextMonday={d.nextMonday} />
        </div>
      )}
    </>
  );
}
