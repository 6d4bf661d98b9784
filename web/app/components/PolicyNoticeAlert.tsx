import { Link } from '@remix-run/react';
import { Alert } from '~/components/ui';
import type { PolicyNotice } from '~/utils/data-policy.server';

/** "12 Strava activities are not counted here, and why": the strict data policy's effect on a page's figures. */
export function PolicyNoticeAlert({ notice, where }: { notice: PolicyNotice | null; where: string }) {
  if (!notice) return null;
  const n = notice.leftOut;
  return (
    <Alert
      tone="info"
      announce={false}
      className="page-alert policy-notice"
      title={`${n} Strava ${n === 1 ? 'activity is' : 'activities are'} not counted ${where}`}
    >
      Strava’s 2026 API policy lets Cadence show what comes through its API to you alone, and not combine it with your other data, so{' '}
      {n === 1 ? 'it stays' : 'they stay'} in your activity list but out of fitness, volume, bests, insights and plan matching.{' '}
      <Link to={notice.href}>Upload the originals or your Strava archive</Link> to count them everywhere.
    </Alert>
  );
}
