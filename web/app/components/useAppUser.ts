import { useRouteLoaderData } from '@remix-run/react';
import type { loader } from '../routes/_app';

/** The signed-in user as the app shell loaded it; only call from pages inside the shell. */
export function useAppUser() {
  const data = useRouteLoaderData<typeof loader>('routes/_app');
  if (!data) throw new Error('useAppUser used outside the signed-in shell');
  return data.user;
}
