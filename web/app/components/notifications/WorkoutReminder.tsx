import type { PrefsView } from '~/utils/notification-settings';
import { Field } from '../ui';

/**
 * The daily workout reminder beside the push column (ADR 079): a plain checkbox and time field, so the form saves
 * it without JavaScript like the rest. It arrives by push and in the app, never by email.
 */
export function WorkoutReminder({ view, error }: { view: PrefsView; error?: string | undefined }) {
  return (
    <fieldset className="field fieldset prefs-reminder" id="reminder">
      <legend className="field-label">Daily workout reminder</legend>
      <label className="prefs-reminder-on">
        <input type="checkbox" className="prefs-check" name="reminderOn" defaultChecked={view.reminder.on} />
        <span>Remind me of today’s workout</span>
      </label>
      <Field
        label="Reminder time"
        name="reminderTime"
        type="time"
        step={60}
        className="prefs-time-field"
        defaultValue={view.reminder.time}
        error={error}
        hint={`On days with a planned workout, at this time in ${view.timeZone}, on your push devices and in the app (Training plan above). Rest days stay quiet; do-not-disturb applies.`}
      />
    </fieldset>
  );
}
