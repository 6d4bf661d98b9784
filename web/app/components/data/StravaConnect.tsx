import { cx } from '../ui';
import { STRAVA_AUTHORIZE_URL } from '~/utils/ingestion';

// Strava's mark (simple-icons, CC0), drawn in the text colour; the words say what the button does.
const STRAVA_MARK =
  'M15.387 17.944l-2.089-4.116h-3.065L15.387 24l5.15-10.172h-3.066m-7.008-5.599l2.836 5.598h4.172L10.463 0l-7 13.828h4.169';

export const STRAVA_DATA_USE =
  "Strava data is shown only to you and is never used by the AI coach (Strava's terms). Disconnecting deletes it.";

/** A plain link: the API answers with a redirect to Strava's consent page, and Strava sends the athlete back. */
export function StravaConnectButton({ children = 'Connect with Strava', className }: { children?: string; className?: string }) {
  return (
    <a href={STRAVA_AUTHORIZE_URL} className={cx('btn', 'btn-strava', className)}>
      <svg className="icon icon-sm" viewBox="0 0 24 24" width="16" height="16" fill="currentColor" aria-hidden="true" focusable="false">
        <path d={STRAVA_MARK} />
      </svg>
      {children}
    </a>
  );
}

/** Said by the strict data policy (ADR 036) after the sentence above. */
export const STRAVA_STRICT_USE =
  "Under Strava's 2026 API policy it is also left out of your analytics, calendar and plan, and kept in detail for 7 days only: upload your Strava archive to keep and use everything.";

export function StravaDataUse({ className, strict = false }: { className?: string; strict?: boolean }) {
  return <p className={cx('data-use', className)}>{strict ? `${STRAVA_DATA_USE} ${STRAVA_STRICT_USE}` : STRAVA_DATA_USE}</p>;
}
