import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { AutomationsSection } from '~/components/coach/client/AutomationsSection';
import { BookingsSection } from '~/components/coach/client/BookingsSection';
import { MessagesSection } from '~/components/coach/client/MessagesSection';
import { PackagesSection } from '~/components/coach/client/PackagesSection';
import { PaymentsSection } from '~/components/coach/client/PaymentsSection';
import { PlanSection } from '~/components/coach/client/PlanSection';
import { ProfileSection } from '~/components/coach/client/ProfileSection';
import { TrainingSection } from '~/components/coach/client/TrainingSection';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { PageHeader } from '~/components/ui';
import { isAppError } from '~/utils/forms.server';
import { requireViewer } from '~/utils/auth.server';
import { requireMember, uuidParam } from '~/utils/coach.server';

// /coach/clients/:id — one client. The loader only checks the client is the org's (another org's id is
// a 404 page) and names it; each section then loads from its own API endpoint in the browser, so one
// failing shows its own error and Retry while the others render.
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
  const [types, team] = await Promise.all([coach.listPackageTypes(m), args.context.services.membership.hasTeam(m.org.id)]);
  return {
    team,
    client: { id: client.id, name: client.name, email: client.email, canText: client.phone !== null && client.smsConsent === 'granted' },
    units: user.units,
    timeZone: m.org.timeZone,
    types: types.filter((t) => t.active).map((t) => ({ id: t.id, name: t.name })),
  };
}

export default function CoachClient() {
  const d = useLoaderData<typeof loader>();
  const [name, setName] = useState(d.client.name);
  return (
    <>
      <p className="coach-back">
        <Link to="/coach/clients">‹ All clients</Link>
      </p>
      <PageHeader eyebrow="Client" title={name} />
      <div className="coach-client">
        <div className="coach-client-col">
          <ProfileSection clientId={d.client.id} onRenamed={setName} />
          <PackagesSection clientId={d.client.id} timeZone={d.timeZone} types={d.types} />
          <BookingsSection clientId={d.client.id} timeZone={d.timeZone} />
        </div>
        <div className="coach-client-col">
          <MessagesSection clientId={d.client.id} timeZone={d.timeZone} canText={d.client.canText} team={d.team} />
          <PaymentsSection clientId={d.client.id} />
          <AutomationsSection clientId={d.client.id} timeZone={d.timeZone} />
          <TrainingSection clientId={d.client.id} clientEmail={d.client.email} units={d.units} timeZone={d.timeZone} />
          <PlanSection clientId={d.client.id} timeZone={d.timeZone} team={d.team} />
        </div>
      </div>
    </>
  );
}
