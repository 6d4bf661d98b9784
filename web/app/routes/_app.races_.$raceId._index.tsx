import type { LoaderFunctionArgs } from '@remix-run/cloudflare';
import { useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { RaceCard } from '~/components/races/RaceCard';
import { requireViewer } from '~/utils/auth.server';
import { loadRace } from '~/utils/races.server';

// /races/:raceId: the prediction tab — the 80 % range, each method with its receipts (ADR 096).
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const { athlete, race } = await loadRace(args.context, viewer, args.params.raceId);
  return { race, ...(await args.context.services.racePredictions.prediction(athlete, race.id)) };
}

export default function RacePrediction() {
  const { race, prediction, help } = useLoaderData<typeof loader>();
  return (
    <div className="stack page-tab-body">
      <RaceCard race={race} prediction={prediction} help={help} title="Predicted finish" />
    </div>
  );
}
