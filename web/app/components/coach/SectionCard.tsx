import type { ReactNode } from 'react';
import { Alert, Button, Card, EmptyState, Icon, type IconName } from '~/components/ui';
import type { ApiError, Resource } from './api';

interface SectionCardProps<T> {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  resource: Resource<T> & { reload: () => void; refreshing?: boolean };
  /** What the section is called in "Loading …" / "could not be loaded". */
  noun: string;
  isEmpty?: (data: T) => boolean;
  empty?: { icon: IconName; title: string; text?: ReactNode };
  skeletonRows?: number;
  children: (data: T) => ReactNode;
}

export function SectionError({ noun, error, onRetry }: { noun: string; error: ApiError; onRetry: () => void }) {
  return (
    <Alert tone="error" title={`Your ${noun} could not be loaded.`} className="coach-section-error">
      <p>{error.reason === 'UNKNOWN_ROUTE' ? 'This part of the console is not available yet.' : error.message}</p>
      <p>
        <Button variant="secondary" size="sm" onClick={onRetry}>
          Retry
        </Button>
      </p>
    </Alert>
  );
}

export function Skeleton({ rows = 3, label }: { rows?: number; label: string }) {
  return (
    <div className="coach-skeleton" role="status">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder rows; the position is their only identity.
        <span key={i} className="coach-skeleton-row" aria-hidden="true" />
      ))}
    </div>
  );
}

/**
 * A client-page section that loads on its own: skeleton while loading, an inline error with Retry,
 * an empty state, or its content. One failing never blanks the others.
 */
export function SectionCard<T>({
  id,
  title,
  description,
  actions,
  resource,
  noun,
  isEmpty,
  empty,
  skeletonRows,
  children,
}: SectionCardProps<T>) {
  let body: ReactNode;
  if (resource.state === 'loading') body = <Skeleton rows={skeletonRows} label={`Loading ${noun}…`} />;
  else if (resource.state === 'error') body = <SectionError noun={noun} error={resource.error} onRetry={resource.reload} />;
  else if (isEmpty?.(resource.data) && empty)
    body = (
      <>
        <EmptyState icon={<Icon name={empty.icon} />} title={empty.title} level={3}>
          {empty.text ? <p>{empty.text}</p> : null}
        </EmptyState>
        {children(resource.data)}
      </>
    );
  else body = children(resource.data);
  return (
    <Card id={id} title={title} description={description} actions={actions} className="coach-section">
      <div aria-busy={resource.state === 'loading' || resource.refreshing ? true : undefined} className="coach-section-body">
        {body}
      </div>
    </Card>
  );
}
