import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Badge, type BadgeTone, Card, EmptyState, Field, LiveRegion, PageHeader, SubmitButton, buttonClass } from '~/components/ui';
import { requireAdminPermission } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import { privacyQueueData, retentionDryRun, startOperatorDeletion } from '~/utils/privacy.server';

export const meta: MetaFunction = ({ error }) => [{ title: error ? 'Not allowed · Cadence' : 'Data requests · Admin · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAdminPermission(args, 'users.read');
  return privacyQueueData(args.context, viewer, new URL(args.request.url));
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAdminPermission(args, 'users.read');
  const values = formValues(await args.request.formData());
  if (values.intent === 'dry-run') return data(await retentionDryRun(args.context, await requireAdminPermission(args, 'audit.retention')));
  // Owners only, never from an impersonation: the service's initiator refuses both, this answers 403 first.
  if (viewer.user.role !== 'owner') throw new Response('Forbidden', { status: 403 });
  const result = await startOperatorDeletion(args.context, viewer, values);
  return data({ intent: 'delete' as const, ...result }, { status: result.ok ? 200 : 400 });
}

const KIND: Record<string, string> = {
  export: 'Export',
  deletion: 'Account deletion',
  org_deletion: 'Organisation deletion',
  reimport: 'Archive import',
};
const STATUS_TONE: Record<string, BadgeTone> = {
  queued: 'info',
  running: 'info',
  ready: 'success',
  done: 'success',
  failed: 'danger',
  cancelled: 'neutral',
  expired: 'neutral',
};
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

function Due({ dueAt, daysLeft, overdue }: { dueAt: string | null; daysLeft: number | null; overdue: boolean }) {
  if (dueAt === null) return <span className="privacy-muted">not a data request</span>;
  if (daysLeft === null) return <span>{day(dueAt)}</span>;
  return (
    <span className="privacy-due">
      {day(dueAt)}{' '}
      {overdue ? (
        <Badge tone="danger">{`Overdue ${-daysLeft} day${-daysLeft === 1 ? '' : 's'}`}</Badge>
      ) : (
        <span className="privacy-muted">{daysLeft === 0 ? 'due today' : `${daysLeft} day${daysLeft === 1 ? '' : 's'} left`}</span>
      )}
    </span>
  );
}

export default function AdminPrivacy() {
  const { scope, entries, counts, canDelete, canDryRun, runs, pii } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = answer?.intent === 'delete' ? answer : undefined;
  const dry = answer?.intent === 'dry-run' ? answer : undefined;
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Data requests"
        description="Exports and deletions, with the legal answer date (one month after the request). Overdue requests come first."
      />
      <div className="privacy-counts" role="status">
        <span>
          <strong>{counts.open}</strong> open
        </span>
        <span className={counts.overdue ? 'privacy-overdue' : undefined}>
          <strong>{counts.overdue}</strong> overdue
        </span>
        {pii ? null : <span className="privacy-muted">Personal data masked</span>}
      </div>
      <div className="stack">
        <Card
          id="privacy-queue"
          title={scope === 'open' ? 'Open requests' : 'All requests'}
          actions={
            <Link to={scope === 'open' ? '/admin/privacy?scope=all' : '/admin/privacy'} className={buttonClass('secondary', 'sm')}>
              {scope === 'open' ? 'Show answered too' : 'Open only'}
            </Link>
          }
        >
          {entries.length === 0 ? (
            <EmptyState title={scope === 'open' ? 'No open requests' : 'No requests yet'} level={3} />
          ) : (
            <div className="audit-table-wrap">
              <table className="audit-table privacy-table">
                <thead>
                  <tr>
                    <th scope="col">Request</th>
                    <th scope="col">Status</th>
                    <th scope="col">Requested</th>
                    <th scope="col">Due</th>
                    <th scope="col">About</th>
                    <th scope="col">By</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.id} className={e.overdue ? 'privacy-row-overdue' : undefined} data-request={e.id}>
                      <td data-label="Request">
                        <span>{KIND[e.kind] ?? e.kind}</span>
                      </td>
                      <td data-label="Status">
                        <span>
                          <Badge tone={STATUS_TONE[e.status] ?? 'neutral'}>{e.status}</Badge>
                          {e.failure ? (
                            <span className="privacy-reason">
                              {e.failure.reason} {e.failure.action}
                            </span>
                          ) : null}
                        </span>
                      </td>
                      <td data-label="Requested">
                        <span>{day(e.requestedAt)}</span>
                      </td>
                      <td data-label="Due">
                        <Due dueAt={e.dueAt} daysLeft={e.daysLeft} overdue={e.overdue} />
                      </td>
                      <td data-label="About">
                        <span>
                          {e.subject.userId ? (
                            <Link to={`/admin/athletes/${e.subject.userId}`}>{e.subject.label ?? e.subject.userId}</Link>
                          ) : (
                            <span className="privacy-muted">{e.subject.orgName ?? 'account deleted'}</span>
                          )}
                        </span>
                      </td>
                      <td data-label="By">
                        <span>
                          {e.requestedBy.kind === 'self' ? (
                            'Self'
                          ) : (
                            <>
                              Operator{e.requestedBy.label ? ` (${e.requestedBy.label})` : ''}
                              {e.reason ? <span className="privacy-reason">“{e.reason}”</span> : null}
                            </>
                          )}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        {canDelete ? (
          <Card
            id="operator-deletion"
            title="Request an account deletion"
            description="For a request that reached us outside the app (mail, letter, a legal order). The account is deleted after the 7-day grace period; the person is told and can cancel. Owners only; your reason is kept in the audit log."
          >
            <LiveRegion>
              {result ? (
                result.ok ? (
                  <Alert tone="success">
                    {result.created ? 'Deletion queued.' : 'This account already had an open deletion.'} It runs from {result.runAfter}; the
                    legal answer is due {result.dueAt}.
                  </Alert>
                ) : (
                  <Alert tone="error">{result.message}</Alert>
                )
              ) : null}
            </LiveRegion>
            <Form method="post" className="privacy-deletion-form">
              <input type="hidden" name="intent" value="delete" />
              <Field
                label="Account id"
                name="userId"
                placeholder="From the athlete page"
                autoComplete="off"
                error={!result?.ok ? result?.fields?.userId : undefined}
              />
              <Field
                label="Reason"
                name="reason"
                placeholder="e.g. Emailed request from the account address, ticket #123"
                error={!result?.ok ? result?.fields?.reason : undefined}
              />
              <SubmitButton pendingText="Queuing…" variant="danger">
                Queue deletion
              </SubmitButton>
            </Form>
          </Card>
        ) : null}
        <Card
          id="retention-runs"
          title="Retention job"
          description="The last runs of the retention table (what we keep and for how long): nightly, or a dry run from here."
        >
          {runs.length === 0 ? (
            <p className="privacy-muted">No run yet.</p>
          ) : (
            <ul className="privacy-runs">
              {runs.map((r) => (
                <li key={r.at}>
                  {r.at} UTC — {r.dryRun ? `dry run: ${r.matched} past their limit` : `${r.deleted} removed of ${r.matched}`}
                  {r.more ? ', more left for the next run' : ''}
                </li>
              ))}
            </ul>
          )}
          {dry ? (
            <LiveRegion>
              <Alert tone="info" title={`Dry run at ${dry.at} UTC: nothing was deleted`}>
                <ul className="privacy-dry">
                  {dry.rules.map((r) => (
                    <li key={r.id}>
                      <strong>{r.matched.toLocaleString('en')}</strong> {r.what}
                    </li>
                  ))}
                </ul>
              </Alert>
            </LiveRegion>
          ) : null}
          <div className="privacy-retention-actions">
            {canDryRun ? (
              <Form method="post">
                <input type="hidden" name="intent" value="dry-run" />
                <SubmitButton variant="secondary" size="sm" pendingText="Counting…">
                  Dry run now
                </SubmitButton>
              </Form>
            ) : null}
            <Link to="/privacy/retention">The published table</Link>
          </div>
        </Card>
      </div>
    </>
  );
}
