import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { type ReactNode, useState } from 'react';
import { AutomationsSection } from '~/components/coach/client/AutomationsSection';
import { BookingsSection } from '~/components/coach/client/BookingsSection';
import { MessagesSection } from '~/components/coach/client/MessagesSection';
import { PackagesSection } from '~/components/coach/client/PackagesSection';
import { PaymentsSection } from '~/components/coach/client/PaymentsSection';
import { PlanChangesSection } from '~/components/coach/client/PlanChangesSection';
import { PlanSection } from '~/components/coach/client/PlanSection';
import { PowerPaceSection } from '~/components/coach/client/PowerPaceSection';
import { ProfileSection } from '~/components/coach/client/ProfileSection';
import { TrainingSection } from '~/components/coach/client/TrainingSection';
import { WellnessSection } from '~/components/coach/client/WellnessSection';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { PageHeader } from '~/components/ui';
import { formatDate } from '~/utils/format';
import { isAppError } from '~/utils/forms.server';
import { requireViewer } from '~/utils/auth.server';
import { requireMember, uuidParam } from '~/utils/coach.server';
import { clientChangeAction, loadClientChanges } from '~/utils/coach-adapt.server';

// /coach/clients/:id — one client. The loader checks the client is the org's (another org's id is a 404
// page), names it and reads whether they share their training; each section then loads from its own API
// endpoint in the browser, so one failing shows its own error and Retry while the others render. A client
// who shares has their training first; one who does not has it after the business, and nothing asks for
// what is not shared.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.client.name ?? 'Client'} · Clients · Coach · Cadence` }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const m = await requireMember(args);
  // The coach's own units for distances in the shared-training section.
  const { user } = await requireViewer(args);
  const id = uuidParam(args.params.id);
  const { coach } = args.context.services;
  const client = await coach.getClient(m, id).catch((err: unknown) => {
    if (isAppError(err) && err.code === 'NOT_FOUND') throw new Response('Not found', { status: 404 });
    throw err;
  });
  const [types, team, { link }] = await Promise.all([
    coach.listPackageTypes(m),
    args.context.services.membership.hasTeam(m.org.id),
    args.context.services.athleteLinks.linkOf(m, id),
  ]);
  // The plan's changes waiting for the coach: read with the page, only where the coach may change the plan.
  const planChanges = link?.status === 'accepted' ? await loadClientChanges(args.context, m, id, team) : null;
  return {
    team,
    planChanges,
    sharing: link ? { status: link.status, since: link.decidedAt ?? link.createdAt } : null,
    client: { id: client.id, name: client.name, email: client.email, canText: client.phone !== null && client.smsConsent === 'granted' },
    units: user.units,
    timeZone: m.org.timeZone,
    types: types.filter((t) => t.active).map((t) => ({ id: t.id, name: t.name })),
  };
}

/** The plan changes section's Approve / Refuse (plain forms: the API's service and rights). */
export async function action(args: ActionFunctionArgs) {
  const m = await requireMember(args);
  return clientChangeAction(args.context, m, uuidParam(args.params.id), await args.request.formData());
}

export default function CoachClient() {
  const d = useLoaderData<typeof loader>();
  const decided = useActionData<typeof action>();
  const [name, setName] = useState(d.client.name);
  // The link as the training section last read it (asking, cancelling, unlinking change it in place).
  const [status, setStatus] = useState<Status>(d.sharing?.status ?? 'none');
  // Where training sits is decided when the page opens, so a section never jumps under the coach's hand.
  const trainingFirst = d.sharing?.status === 'accepted';
  const training: ReactNode = (
    <>
      <TrainingSection clientId={d.client.id} clientEmail={d.client.email} units={d.units} timeZone={d.timeZone} onStatus={setStatus} />
      {/* What the client trains and what is next come first; their power and pace after the plan. */}
      <PlanSection
        key={`${status}-${d.planChanges?.waiting.length ?? 0}`}
        clientId={d.client.id}
        timeZone={d.timeZone}
        team={d.team}
        shared={status === 'accepted'}
        units={d.units}
      />
      {status === 'accepted' && d.planChanges ? <PlanChangesSection data={d.planChanges} result={decided} /> : null}
      {status === 'accepted' ? <PowerPaceSection clientId={d.client.id} /> : null}
      {status === 'accepted' ? <WellnessSection clientId={d.client.id} /> : null}
    </>
  );
  return (
    <>
      <p className="coach-back">
        <Link to="/coach/clients">‹ All clients</Link>
      </p>
      <PageHeader
        eyebrow="Client"
        title={name}
        description={<SharingLine status={status} since={d.sharing?.status === status ? d.sharing.since : null} timeZone={d.timeZone} />}
      />
      {trainingFirst ? <div className="coach-client coach-client-training">{training}</div> : null}
      <div className="coach-client">
        <div className="coach-client-col">
          <ProfileSection clientId={d.client.id} onRenamed={setName} />
          <PackagesSection clientId={d.client.id} timeZone={d.timeZone} types={d.types} />
          <BookingsSection clientId={d.client.id} timeZone={d.timeZone} />
          {trainingFirst ? null : training}
        </div>
        <div className="coach-client-col">
          <MessagesSection clientId={d.client.id} timeZone={d.timeZone} canText={d.client.canText} team={d.team} />
          <PaymentsSection clientId={d.client.id} />
          <AutomationsSection clientId={d.client.id} timeZone={d.timeZone} />
        </div>
      </div>
    </>
  );
}

type Status = 'pending' | 'accepted' | 'none';

/** One calm line under the name: whether they share their training, and where to ask when they do not. */
function SharingLine({ status, since, timeZone }: { status: Status; since: string | null; timeZone: string }) {
  if (status === 'accepted') return <>Shares their Cadence training with you{since ? ` since ${formatDate(since, timeZone)}` : ''}.</>;
  if (status === 'pending')
    return (
      <>
        Asked to share their training{since ? ` on ${formatDate(since, timeZone)}` : ''}; they answer in their Cadence settings.{' '}
        <a href="#training">See the request</a>
      </>
    );
  return (
    <>
      Has not shared their Cadence training with you yet. <a href="#training">Ask them to share</a>
    </>
  );
}
