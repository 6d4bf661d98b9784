import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, Outlet, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { raceTabs } from '~/components/races/race-tabs';
import { PageHeader, PageTabs } from '~/components/ui';
import { todayFor } from '~/utils/analytics.server';
import { requireViewer } from '~/utils/auth.server';
import { loadRace } from '~/utils/races.server';
import { FORMAT_SPECS } from '../../../worker/features/races';
import { formatDay } from '../../../worker/lib/format';
import { daysBetween } from '../../../worker/lib/dates';

// /races/:raceId: one race and everything about it, a tab each (prediction, pacing, fuelling, the card, the result).
// The layout reads the race (404 for anyone else's); each tab's route loads its own part.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.race.name ?? 'Race'} · Cadence` }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const { race } = await loadRace(args.context, viewer, args.params.raceId);
  // The format's words here, in the loader: the formats' module is server code.
  const kind = race.format ? `${FORMAT_SPECS[race.format].label} triathlon` : distanceWords(race.distanceM);
  return { race, kind, today: todayFor(args.context, viewer) };
}

const distanceWords = (m: number) => (m % 1000 === 0 ? `${m / 1000} km` : `${(m / 1000).toFixed(1)} km`);

function when(raceDate: string, today: string): string {
  const days = daysBetween(today, raceDate);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export default function RaceLayout() {
  const { race, kind, today } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/races">Races</Link>}
        title={race.name}
        description={`${kind} · ${formatDay(race.raceDate)} (${when(race.raceDate, today)})${race.source === 'plan' ? ' · your plan’s goal' : ''}`}
      />
      <PageTabs tabs={raceTabs(race)} label="Race" />
      <Outlet />
    </>
  );
}
