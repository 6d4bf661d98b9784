import { Form, Link } from '@remix-run/react';
import { useState } from 'react';
import { TIERS, unlockingTier, upgradePath } from '~/utils/membership';
import { windowWords, type PrefsResult, type PrefsView } from '~/utils/notification-settings';
import { Icon } from '../ui';
import { PushDevice } from './PushDevice';
import { WorkoutReminder } from './WorkoutReminder';
import { SaveRow } from '../settings/SaveRow';
import { Card, Field, cx } from '../ui';

const LOCKED_WORDS = 'Billing and security email is always sent, even during do-not-disturb.';

function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <p id={id} className="field-error">
      {error}
    </p>
  ) : null;
}

function Channels({ view, errors }: { view: PrefsView; errors: Record<string, string> }) {
  return (
    <Card
      id="channels"
      title="What you hear about, and where"
      description="In the app, notifications arrive as they happen. Email follows your email mode below."
    >
      <table className="prefs-grid">
        <caption className="visually-hidden">Notifications by category and channel</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">In the app</th>
            <th scope="col">Email</th>
            <th scope="col">Push</th>
          </tr>
        </thead>
        <tbody>
          {view.categories.map((c) => (
            <tr key={c.value}>
              <th scope="row">
                <span className="prefs-label">{c.label}</span>
                <span className="prefs-hint" id={`cat-${c.value}-hint`}>
                  {c.hint}
                </span>
                {c.emailLocked ? (
                  <span className="prefs-locked" id={`cat-${c.value}-locked`}>
                    {LOCKED_WORDS}
                  </span>
                ) : null}
              </th>
              <td>
                {/* The label is the finger's target (44 px on touch), the box stays small. */}
                <label className="prefs-hit">
                  <input
                    type="checkbox"
                    className="prefs-check"
                    name={`inApp.${c.value}`}
                    defaultChecked={c.inApp}
                    aria-label={`${c.label}: in the app`}
                    aria-describedby={`cat-${c.value}-hint`}
                  />
                </label>
              </td>
              <td>
                {c.emailLocked ? (
                  // Shown, not sent: the server keeps this category's email on whatever arrives.
                  <input
                    type="checkbox"
                    className="prefs-check"
                    checked
                    disabled
                    readOnly
                    aria-label={`${c.label}: email, always on`}
                    aria-describedby={`cat-${c.value}-locked`}
                  />
                ) : (
                  <label className="prefs-hit">
                    <input
                      type="checkbox"
                      className="prefs-check"
                      name={`email.${c.value}`}
                      defaultChecked={c.email}
                      aria-label={`${c.label}: email`}
                      aria-describedby={`cat-${c.value}-hint`}
                    />
                  </label>
                )}
              </td>
              <td>
                <label className="prefs-hit">
                  <input
                    type="checkbox"
                    className="prefs-check"
                    name={`push.${c.value}`}
                    defaultChecked={c.push}
                    aria-label={`${c.label}: push`}
                    aria-describedby={`cat-${c.value}-hint`}
                  />
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <input type="hidden" name="pushShown" value="1" />
      <WorkoutReminder view={view} error={errors.reminderTime} />
      <PushDevice />
    </Card>
  );
}

function EmailSection({ view, errors }: { view: PrefsView; errors: Record<string, string> }) {
  return (
    <Card id="email" title="Email" description="How much email Cadence sends, and when the summaries arrive.">
      <div className="form form-wide">
        <fieldset
          className={cx('field', 'fieldset', errors.emailMode && 'field-invalid')}
          aria-describedby={errors.emailMode ? 'emailMode-error' : undefined}
        >
          <legend className="field-label">Email mode</legend>
          <div className="prefs-modes">
            {view.emailModes.map((m) =>
              m.locked ? (
                // Not offered on this plan (still shown chosen if it was saved before): what it is, and where it is.
                <div key={m.value} className="prefs-mode is-locked" data-locked={m.value}>
                  <input
                    type="radio"
                    name="emailMode"
                    value={m.value}
                    id={`emailMode-${m.value}`}
                    defaultChecked={view.emailMode === m.value}
                    disabled={view.emailMode !== m.value}
                    aria-describedby={`emailMode-${m.value}-lock`}
                  />
                  <span>
                    <label className="prefs-mode-label" htmlFor={`emailMode-${m.value}`}>
                      <Icon name="lock" className="icon locked-icon" /> {m.label}
                    </label>
                    <span className="prefs-mode-line">{m.line}</span>
                    <span className="prefs-mode-line" id={`emailMode-${m.value}-lock`}>
                      Part of {TIERS[unlockingTier(m.locked)].name}.{' '}
                      <Link to={upgradePath(m.locked)}>Upgrade to {TIERS[unlockingTier(m.locked)].name}</Link>
                    </span>
                  </span>
                </div>
              ) : (
                <label key={m.value} className="prefs-mode">
                  <input type="radio" name="emailMode" value={m.value} defaultChecked={view.emailMode === m.value} />
                  <span>
                    <span className="prefs-mode-label">{m.label}</span>
                    <span className="prefs-mode-line">{m.line}</span>
                  </span>
                </label>
              ),
            )}
          </div>
          <FieldError id="emailMode-error" error={errors.emailMode} />
        </fieldset>
        <Field
          label="Send time"
          name="sendTime"
          type="time"
          step={60}
          required
          className="prefs-time-field"
          defaultValue={view.sendTime}
          error={errors.sendTime}
          hint={`${view.mondayEmail ? 'The daily summary and the Monday summary arrive' : 'The daily summary arrives'} at this time, in ${view.timeZone}.`}
        />
      </div>
    </Card>
  );
}

/** A start and an end, with the words for what they mean ("ends the next morning") as they are typed. */
function WindowInputs({
  prefix,
  label,
  start,
  end,
  day,
  error,
}: {
  prefix: string;
  label: string;
  start: string;
  end: string;
  day?: number;
  error?: string | undefined;
}) {
  const [times, setTimes] = useState({ start, end });
  // A refusal says what is wrong beside the times; the words would only repeat it.
  const words = error ? null : windowWords(times.start, times.end, day);
  const errorId = `${prefix}-error`;
  const wordsId = `${prefix}-words`;
  const described = [words ? wordsId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="prefs-window">
      <div className="prefs-window-times">
        <input
          type="time"
          step={60}
          className="input"
          name={`${prefix}Start`}
          defaultValue={start}
          aria-label={`${label}: quiet from`}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          onChange={(e) => setTimes((t) => ({ ...t, start: e.target.value }))}
        />
        <span aria-hidden="true">to</span>
        <input
          type="time"
          step={60}
          className="input"
          name={`${prefix}End`}
          defaultValue={end}
          aria-label={`${label}: quiet until`}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          onChange={(e) => setTimes((t) => ({ ...t, end: e.target.value }))}
        />
      </div>
      {words ? (
        <p id={wordsId} className="prefs-window-words">
          {words}
        </p>
      ) : null}
      <FieldError id={errorId} error={error} />
    </div>
  );
}

function DndSection({ view, errors }: { view: PrefsView; errors: Record<string, string> }) {
  return (
    <Card id="dnd" title="Do-not-disturb" description="Quiet hours for email, in your time zone, for each day of the week.">
      <p className="prefs-text">
        An email due during quiet hours waits until they end; nothing is dropped. Notifications in the app still arrive at once.{' '}
        <strong>{LOCKED_WORDS}</strong>
      </p>
      <fieldset className="field fieldset prefs-dnd" aria-describedby={errors.dndMode ? 'dndMode-error' : undefined}>
        <legend className="field-label">Quiet hours</legend>
        <div className="radio-row">
          {(
            [
              ['same', 'Same every day'],
              ['days', 'Different per day'],
              ['off', 'Off'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="radio">
              <input type="radio" name="dndMode" value={value} defaultChecked={view.dndMode === value} />
              <span>{label}</span>
            </label>
          ))}
        </div>
        <FieldError id="dndMode-error" error={errors.dndMode} />
        {/* Both blocks are in the page (without JavaScript too); CSS shows the one the choice above uses. */}
        <div className="prefs-every">
          <p className="prefs-block-title">Every day</p>
          <WindowInputs prefix="every" label="Every day" start={view.every.start} end={view.every.end} error={errors.every} />
        </div>
        <ul className="prefs-days">
          {view.days.map((d) => (
            <li key={d.day} className="prefs-day">
              <label className="prefs-day-name">
                <input type="checkbox" className="prefs-check" name={`dnd${d.day}On`} defaultChecked={d.on} />
                <span>{d.name}</span>
              </label>
              <WindowInputs prefix={`dnd${d.day}`} label={d.name} start={d.start} end={d.end} day={d.day} error={errors[`dnd${d.day}`]} />
            </li>
          ))}
        </ul>
        <p className="prefs-hint-line">
          A window that ends earlier than it starts runs past midnight: 22:00–07:00 ends the next morning. Unticked days have no quiet
          hours.
        </p>
      </fieldset>
      <p className="prefs-zone">
        Times are in your account’s time zone, <strong>{view.timeZone}</strong>. <Link to="/settings#profile">Change it in Settings</Link>
      </p>
    </Card>
  );
}

export function PreferencesForm({ view, result }: { view: PrefsView; result?: PrefsResult | undefined }) {
  const errors = result?.ok === false ? result.fieldErrors : {};
  const shown = result?.ok === false && result.view ? result.view : view;
  return (
    <Form method="post" className="prefs-form stack">
      <input type="hidden" name="intent" value="save" />
      <Channels view={shown} errors={errors} />
      <EmailSection view={shown} errors={errors} />
      <DndSection view={shown} errors={errors} />
      <div className="prefs-save">
        <SaveRow intent="save" label="Save notification settings" pendingText="Saving…" result={result} />
      </div>
    </Form>
  );
}
