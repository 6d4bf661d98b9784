import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { useCallback, useState } from 'react';
import { ActivityTable } from '~/components/activities/ActivityTable';
import { BulkBar } from '~/components/activities/BulkBar';
import { ColumnPicker } from '~/components/activities/ColumnPicker';
import { ListFilters } from '~/components/activities/ListFilters';
import { MultiUpload } from '~/components/activities/MultiUpload';
import { useColumns } from '~/components/activities/useColumns';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { buttonClass, ButtonLink, Card, EmptyState, Icon, PageHeader } from '~/components/ui';
import { useAppUser } from '~/components/useAppUser';
import { loadActivityList } from '~/utils/activity-list.server';
import { requireViewer } from '~/utils/auth.server';

export const meta: MetaFunction = () => [{ title: 'Activities · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return loadActivityList(args.context, viewer, new URL(args.request.url));
}

export default function Activities() {
  const view = useLoaderData<typeof loader>();
  const user = useAppUser();
  const [params] = useSearchParams();
  const [columns, toggleColumn] = useColumns(view.athleteId);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // A new page, filter or sort starts a new selection: Undo covers what was changed, not what was ticked.
  const key = params.toString();
  const [selectionKey, setSelectionKey] = useState(key);
  if (selectionKey !== key) {
    setSelectionKey(key);
    setSelected(new Set());
  }
  const onSelect = useCallback(
    (ids: string[], on: boolean) =>
      setSelected((prev) => {
        const next = new Set(prev);
        for (const id of ids) on ? next.add(id) : next.delete(id);
        return next;
      }),
    [],
  );
  const { rows, total, offset, pageSize } = view;
  const pageHref = (to: number) => {
    const next = new URLSearchParams(params);
    if (to > 0) next.set('offset', String(to));
    else next.delete('offset');
    return `?${next}`;
  };
  const filtered = params.toString() !== '' && [...params.keys()].some((k) => !['sort', 'dir', 'offset'].includes(k));

  return (
    <>
      <PageHeader
        title="Activities"
        description={`Search, filter and sort everything you've recorded. Distances in ${user.units === 'mi' ? 'miles' : 'kilometres'}.`}
        actions={
          <ButtonLink to="/settings/data" variant="secondary" size="sm">
            Data sources
          </ButtonLink>
        }
      />
      <Card>
        <MultiUpload limits={view.uploadLimits} />
      </Card>
      <ListFilters filter={view.filter} sort={view.sort} dir={view.dir} devices={view.devices} tags={view.tags} sources={view.sources} />
      <div className="list-toolbar">
        <p className="list-count" aria-live="polite">
          {total === 0 ? 'No activities' : `${offset + 1}–${offset + rows.length} of ${total.toLocaleString('en-GB')}`}
        </p>
        <ColumnPicker columns={columns} onToggle={toggleColumn} />
      </div>
      <BulkBar selected={[...selected]} onDone={() => setSelected(new Set())} />
      {rows.length === 0 ? (
        <Card>
          {filtered || offset > 0 ? (
            <EmptyState
              icon={<Icon name="activity" />}
              title="No activities match"
              actions={<ButtonLink to="/activities">Show all activities</ButtonLink>}
            >
              <p>Try other words or fewer filters.</p>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<Icon name="activity" />}
              title="No activities yet"
              actions={<ButtonLink to="/settings/data">Go to Data sources</ButtonLink>}
            >
              <p>Connect Strava on Data sources or upload files above, and your activities appear here as they arrive.</p>
            </EmptyState>
          )}
        </Card>
      ) : (
        <Card className="card-flush">
          <h2 className="visually-hidden">Your activities</h2>
          <ActivityTable rows={rows} columns={columns} sort={view.sort} dir={view.dir} selected={selected} onSelect={onSelect} />
        </Card>
      )}
      {total > pageSize ? (
        <nav aria-label="Pages" className="pager">
          {offset > 0 ? (
            <Link to={pageHref(Math.max(0, offset - pageSize))} rel="prev" className={buttonClass('secondary', 'sm')}>
              Previous
            </Link>
          ) : (
            <span />
          )}
          {offset + pageSize < total ? (
            <Link to={pageHref(offset + pageSize)} rel="next" className={buttonClass('secondary', 'sm')}>
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
