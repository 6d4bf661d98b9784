import type { LoaderFunctionArgs } from '@remix-run/cloudflare';
import { Form, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { UpgradePrompt } from '~/components/membership/UpgradePrompt';
import { KeepOnPhone } from '~/components/races/KeepOnPhone';
import { RaceCardSheet } from '~/components/races/RaceCardSections';
import { Button, ButtonLink, Card, Field } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { loadRace } from '~/utils/races.server';
import { CardQuery } from '../../../worker/features/races/card/card.schema';
import { AppError, ErrorCode } from '../../../worker/lib/errors';

// /races/:raceId/card: the race card to print, download as PDF or keep on the phone (issue 56). Elite sees it all,
// Pro a preview with the upgrade prompt, Free the prompt alone (the API's 403 said as a page).
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const { athlete, race } = await loadRace(args.context, viewer, args.params.raceId);
  const parsed = CardQuery.safeParse({ start: new URL(args.request.url).searchParams.get('start') ?? undefined });
  const start = parsed.success ? (parsed.data.start ?? null) : null;
  try {
    const card = await args.context.services.raceCards.card(athlete, race.id, { startTime: start });
    return { raceId: race.id, start, card, startError: parsed.success ? null : 'A start time as HH:MM (24 h)' };
  } catch (err) {
    if (err instanceof AppError && err.code === ErrorCode.ENTITLEMENT_REQUIRED)
      return { raceId: race.id, start, card: null, startError: null };
    throw err;
  }
}

export default function RaceCardTab() {
  const { raceId, start, card, startError } = useLoaderData<typeof loader>();
  if (!card)
    return (
      <div className="stack page-tab-body">
        <UpgradePrompt feature="race_strategy" name="The race card">
          <p>
            Splits, fuelling checkpoints, race morning, the taper and race week from your plan, and what to do when things go wrong —
            printable and kept on your phone.
          </p>
        </UpgradePrompt>
      </div>
    );
  const q = start ? `?start=${encodeURIComponent(start)}` : '';
  return (
    <div className="stack page-tab-body race-card-page">
      <Card title="Print, download or keep it" id="race-card-actions">
        <div className="race-card-actions">
          <Form method="get" className="race-card-start">
            <Field label="Start time" name="start" type="time" defaultValue={card.header.startTime} error={startError ?? undefined} />
            <Button type="submit" variant="secondary">
              Update
            </Button>
          </Form>
          <ButtonLink to={`/api/v1/races/${raceId}/card.pdf${q}`} reloadDocument>
            Download PDF
          </ButtonLink>
          <KeepOnPhone raceId={raceId} start={start} />
        </div>
      </Card>
      {card.preview && card.upgrade ? (
        <UpgradePrompt feature="race_strategy" name="The whole race card">
          <p>{card.upgrade.message}</p>
        </UpgradePrompt>
      ) : null}
      <RaceCardSheet card={card} />
    </div>
  );
}
