import { useRouteLoaderData } from '@remix-run/react';
import type { loader } from '../root';

/** The signed-in user from the root loader, or null (also inside error boundaries, when it is known). */
export function useRootUser() {
  return useRouteLoaderData<typeof loader>('root')?.user ?? null;
}
