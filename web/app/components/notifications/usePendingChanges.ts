import { useFetchers } from '@remix-run/react';

/** What the center's in-flight buttons are changing, so rows show it before the server answers. */
export interface PendingChanges {
  read: Set<string>;
  deleted: Set<string>;
  /** A "mark all read" is on its way (for the filter on screen, which is all the page shows). */
  allRead: boolean;
}

export function usePendingChanges(): PendingChanges {
  const fetchers = useFetchers();
  const pending: PendingChanges = { read: new Set(), deleted: new Set(), allRead: false };
  for (const f of fetchers) {
    const data = f.formData;
    if (!data) continue;
    const intent = data.get('intent');
    const id = data.get('id');
    if (intent === 'read' && typeof id === 'string') pending.read.add(id);
    if (intent === 'read-group') for (const i of String(data.get('ids') ?? '').split(',')) pending.read.add(i);
    if (intent === 'delete' && typeof id === 'string') pending.deleted.add(id);
    if (intent === 'read-all') pending.allRead = true;
  }
  return pending;
}
