import { Link, useSearchParams } from '@remix-run/react';
import { Alert, Icon } from '../ui';
import type { RebuildAdviceView } from '~/utils/intake';
import { RebuildPrompt } from './RebuildPrompt';

export interface PlanNoticeView {
  planId: string;
  fitnessSource: 'history' | 'intake';
  rebuild: RebuildAdviceView | null;
}

/** Home's word on the plan: that it started from the athlete's answers, and "Rebuild plan?" when history differs. */
export function PlanNotice({ plan }: { plan: PlanNoticeView }) {
  const [params] = useSearchParams();
  const rebuilt = params.get('rebuilt') === '1';
  if (!rebuilt && plan.fitnessSource !== 'intake' && !plan.rebuild?.suggested) return null;
  return (
    <div className="plan-notice">
      {rebuilt ? (
        <Alert tone="success" announce={false}>
          Your new plan starts tomorrow, built from your own activities. The old one is kept in your history.
        </Alert>
      ) : null}
      {/* With "Rebuild plan?" showing, the prompt says it better: the answers versus the activities, in numbers. */}
      {plan.fitnessSource === 'intake' && !plan.rebuild?.suggested ? (
        <p className="dashboard-note">
          <Icon name="calendar" className="icon icon-sm" />
          <span>
            Your plan is using your answers: there wasn't enough history yet, so it starts from what you told us. We'll ask before changing
            anything as your activities arrive. <Link to="/onboarding">Review your answers</Link> ·{' '}
            <Link to="/training">See your plan</Link>
          </span>
        </p>
      ) : null}
      <RebuildPrompt rebuild={plan.rebuild} planId={plan.planId} />
    </div>
  );
}
