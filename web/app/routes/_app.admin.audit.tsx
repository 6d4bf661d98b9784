import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AuditRetentionCard } from '~/components/admin/AuditRetentionCard';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Button, Card, EmptyState, Field, LiveRegion, PageHeader, buttonClass } from '~/components/ui';
import { auditPageData, runRetention } from '~/utils/audit.server';
import { requireAdminPermission } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';

export const meta: MetaFunction = ({ error }) => [{ title: error ? 'Not allowed · Cadence' : 'Audit log · Admin · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAdminPermission(args, 'audit.read');
  return auditPageData(args.context, viewer, new URL(args.request.url));
}

export async function action(args: ActionFunctionArgs) {
  // The retention form lives on the audit page: reading it comes first, then the purge's own permission.
  await requireAdminPermission(args, 'audit.read');
  const viewer = await requireAdminPermission(args, 'audit.retention');
  const result = await runRetention(args.context, viewer, formValues(await args.request.formData()));
  return data(result, { status: result.ok ? 200 : 400 });
}

/** An id as a link to the athlete page when it names a user, else as text. */
function Who({ id, label, user }: { id: string | null; label?: string | null; user: boolean }) {
  if (!id) return <span className="audit-muted">system</span>;
  const text = label ?? id;
  return user ? (
    <Link to={`/admin/athletes/${id}`} className="audit-id">
      {text}
    </Link>
  ) : (
    <span className="audit-id">{text}</span>
  );
}

export default function AdminAudit() {
  const { filters, error, entries, next, canPurge } = useLoaderData<typeof loader>();
  const retention = useActionData<typeof action>();
  const csv = `/api/v1/admin/audit.csv?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString()}`;
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Audit log"
        description="Every operator and account action, newest first. The log is append-only."
        actions={
          <a className={buttonClass('secondary', 'sm')} href={csv} download>
            Download CSV
          </a>
        }
      />
      <Card id="audit-filters" title="Filters">
        <Form method="get" className="audit-filters">
          <Field label="Actor id" name="actorId" defaultValue={filters.actorId} optional />
          <Field label="Action starts with" name="action" defaultValue={filters.action} placeholder="operator." optional />
          <Field label="Target type" name="targetType" defaultValue={filters.targetType} placeholder="user" optional />
          <Field label="Target id" name="targetId" defaultValue={filters.targetId} optional />
          <Field label="From (UTC)" name="from" type="date" defaultValue={filters.from} optional />
          <Field label="Until (UTC, exclusive)" name="to" type="date" defaultValue={filters.to} optional />
          <div className="audit-filter-actions">
            <Button type="submit">Apply</Button>
            <Link to="/admin/audit" className={buttonClass('link', 'sm')}>
              Clear
            </Link>
          </div>
        </Form>
      </Card>
      <LiveRegion>{error ? <Alert tone="error">{error}</Alert> : null}</LiveRegion>
      <Card id="audit-entries" title="Entries" description={`${entries.length} shown${next ? ', more below' : ''}.`}>
        {entries.length === 0 ? (
          <EmptyState title="No entries match" level={3} />
        ) : (
          <div className="audit-table-wrap">
            <table className="audit-table">
              <thead>
                <tr>
                  <th scope="col">When (UTC)</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    {/* One child per cell: under 640 px each cell is a label + value grid. */}
                    <td data-label="When">
                      <span>{e.at}</span>
                    </td>
                    <td data-label="Actor">
                      <span>
                        <Who id={e.actorId} label={e.actorLabel} user />
                        {e.actorRole ? <span className="audit-muted"> ({e.actorRole})</span> : null}
                      </span>
                    </td>
                    <td data-label="Action">
                      <code>{e.action}</code>
                    </td>
                    <td data-label="Target">
                      <span>
                        {e.targetType} <Who id={e.targetId} user={e.targetType === 'user'} />
                      </span>
                    </td>
                    <td data-label="Details">
                      <span className="audit-payload">{e.payload || <span className="audit-muted">—</span>}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {next ? (
          <p className="audit-next">
            <Link to={`/admin/audit?${next}`} className={buttonClass('secondary', 'sm')}>
              Older entries
            </Link>
          </p>
        ) : null}
      </Card>
      {canPurge ? <AuditRetentionCard result={retention} /> : null}
    </>
  );
}
