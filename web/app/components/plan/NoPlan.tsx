import { CREATE_PLAN } from '~/utils/plans';
import { ButtonLink, Icon } from '../ui';

/** No plan yet: one calm line above the calendar of what was done, and the way to make one. */
export function NoPlan() {
  return (
    <div className="plan-none">
      <Icon name="calendar" className="icon" />
      <div className="plan-none-text">
        <p className="plan-none-title">No plan yet</p>
        <p>Add one for a race or to get fitter: its workouts appear here beside what you did.</p>
      </div>
      <ButtonLink to={CREATE_PLAN.path}>{CREATE_PLAN.label}</ButtonLink>
    </div>
  );
}
