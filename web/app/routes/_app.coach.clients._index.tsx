import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { ClientFields } from '~/components/coach/ClientFields';
import { PackageTypesPanel } from '~/components/coach/PackageTypesPanel';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Badge, Button, Card, EmptyState, FormError, Icon, LiveRegion, PageHeader, SubmitButton } from '~/components/ui';
import { addClient, addPackageType, type ClientsResult } from '~/utils/coach-clients.server';
import { UpgradePrompt } from '~/components/membership/UpgradePrompt';
import { requireMember } from '~/utils/coach.server';
import { FREE_ORG_ACTIVE_CLIENTS } from '~/utils/membership';
import { CONSENT_LABEL, sessionsText } from '~/utils/coach-format';
import { formValues } from '~/utils/forms.server';

// /coach/clients: the org's clients with sessions left (searchable by name), "Add client", and the
// package types panel. Actions go through the services, like the API.
export const meta: MetaFunction = () => [{ title: 'Clients · Coach · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const m = await requireMember(args);
  const { services } = args.context;
  const q = (new URL(args.request.url).searchParams.get('q') ?? '').trim().slice(0, 120);
  const [clients, left, types, team] = await Promise.all([
    services.coach.listClients(m),
    services.console.sessionsLeft(m),
    services.coach.listPackageTypes(m),
    services.membership.hasTeam(m.org.id),
  ]);
  const needle = q.toLocaleLowerCase();
  return {
    q,
    total: clients.length,
    // Without Team an org keeps a few active clients; "Add a client" says how many are left.
    room: team ? null : Math.max(0, FREE_ORG_ACTIVE_CLIENTS - clients.length),
    clients: clients
      .filter((c) => !needle || c.name.toLocaleLowerCase().includes(needle))
      .map((c) => ({
        id: c.id,
        name: c.name,
        phone: c.phone,
        email: c.email,
        smsConsent: c.smsConsent,
        ...(left.get(c.id) ?? { remaining: 0, packages: 0 }),
      })),
    types: types
      .filter((t) => t.active)
      .map((t) => ({
        id: t.id,
        name: t.name,
        sessions: t.sessions,
        sessionMinutes: t.sessionMinutes,
        priceCents: t.priceCents,
        currency: t.currency,
        validityDays: t.validityDays,
      })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const m = await requireMember(args);
  const values = formValues(await args.request.formData());
  let result: ClientsResult;
  if (values.intent === 'add-client') result = await addClient(args.context, m, values);
  else if (values.intent === 'add-type') result = await addPackageType(args.context, m, values);
  else throw new Response('Unknown action', { status: 400 });
  return data(result, { status: result.ok ? 200 : 400 });
}

export default function CoachClients() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const added = result?.intent === 'add-client' ? result : undefined;
  return (
    <>
      <PageHeader title="Clients" description="Everyone you coach, with the sessions they have left." />
      <div className="coach-clients">
        <Card id="client-list" title={`Your clients (${d.total})`}>
          <Form method="get" className="coach-search" role="search">
            <label htmlFor="client-search" className="visually-hidden">
              Search clients by name
            </label>
            <input id="client-search" type="search" name="q" className="input" placeholder="Search by name" defaultValue={d.q} />
            <Button type="submit" variant="secondary">
              Search
            </Button>
            {params.get('q') ? (
              <Link to="/coach/clients" className="coach-search-clear">
                Clear
              </Link>
            ) : null}
          </Form>
          {d.clients.length > 0 ? (
            <ul className="coach-list coach-client-list">
              {d.clients.map((c) => (
                <li key={c.id} className="coach-list-item">
                  <div className="coach-list-main">
                    <p className="coach-list-title">
                      <Link to={`/coach/clients/${c.id}`}>{c.name}</Link>
                    </p>
                    <p className="coach-list-meta">
                      {[c.phone, c.email].filter(Boolean).join(' · ') || 'No contact details'}
                      {c.smsConsent === 'revoked'
                        ? ' · SMS opted out'
                        : c.smsConsent === 'unknown'
                          ? ` · SMS ${CONSENT_LABEL.unknown.toLowerCase()}`
                          : null}
                    </p>
                  </div>
                  <Badge tone={c.packages === 0 ? 'neutral' : c.remaining === 0 ? 'danger' : c.remaining <= 1 ? 'warning' : 'success'}>
                    {c.packages === 0 ? 'No package' : `${sessionsText(c.remaining)} left`}
                  </Badge>
                </li>
              ))}
            </ul>
          ) : d.total === 0 ? (
            <EmptyState icon={<Icon name="users" />} title="No clients yet" level={3}>
              <p>Add your first client below. You can then give them a package and book sessions.</p>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<Icon name="users" />}
              title={`No client matches “${d.q}”`}
              level={3}
              actions={<Link to="/coach/clients">Show all clients</Link>}
            />
          )}
        </Card>
        <div className="coach-side">
          <Card
            id="add-client"
            title="Add a client"
            description={
              d.room === null || d.room === 0
                ? undefined
                : `Free coaching: room for ${d.room} more active client${d.room === 1 ? '' : 's'} (up to ${FREE_ORG_ACTIVE_CLIENTS}).`
            }
          >
            <LiveRegion>
              {added?.ok ? (
                <Alert tone="success" announce={false}>
                  {added.message} <Link to={`/coach/clients/${added.clientId}`}>Open their page</Link>
                </Alert>
              ) : null}
            </LiveRegion>
            {d.room === 0 ? (
              <UpgradePrompt feature="team_clients" name={`More than ${FREE_ORG_ACTIVE_CLIENTS} active clients`} plural>
                <p>
                  Your {FREE_ORG_ACTIVE_CLIENTS} active clients keep everything they have. Archive one to make room, or move the business to
                  Team for as many as you coach.
                </p>
              </UpgradePrompt>
            ) : (
              // A fresh form after a success (the key changes), the typed values kept after a failure.
              <Form method="post" className="form" noValidate key={added?.ok ? added.clientId : 'add-client'}>
                <input type="hidden" name="intent" value="add-client" />
                <FormError message={added && !added.ok ? added.formError : null} />
                <ClientFields idPrefix="new-client" values={added && !added.ok ? added.values : undefined} errors={added?.fieldErrors} />
                <SubmitButton pendingText="Adding…" match={{ intent: 'add-client' }}>
                  Add client
                </SubmitButton>
              </Form>
            )}
          </Card>
          <PackageTypesPanel types={d.types} result={result?.intent === 'add-type' ? result : undefined} />
        </div>
      </div>
    </>
  );
}
