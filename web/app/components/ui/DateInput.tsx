import { type InputHTMLAttributes, useEffect, useRef, useState } from 'react';
import { dateFieldText } from '~/utils/format';
import { cx } from './cx';

/**
 * A date input that reads as the app writes dates ("Fri 27 Nov 2026") whatever the browser's locale, over
 * the browser's own picker: the native input keeps the value (YYYY-MM-DD, what forms post), the keyboard
 * and the screen reader's reading; once hydrated its text is hidden under ours, and a click opens the picker.
 * Without JavaScript it stays the plain native input, so a changed date is never shown stale.
 */
export function DateInput({
  className,
  value,
  defaultValue,
  onChange,
  placeholder = 'Choose a date',
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const controlled = value !== undefined;
  const [own, setOwn] = useState(String(defaultValue ?? ''));
  const [enhanced, setEnhanced] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // What the browser put back (history, autofill) before hydration is the value to show.
    if (!controlled && ref.current) setOwn(ref.current.value);
    setEnhanced(true);
  }, [controlled]);
  const text = dateFieldText(controlled ? String(value ?? '') : own);
  return (
    <span className={cx('date-input', enhanced && 'is-enhanced', input.disabled && 'is-disabled')}>
      <input
        ref={ref}
        type="date"
        className={cx('input', className)}
        value={value}
        defaultValue={defaultValue}
        onChange={(e) => {
          if (!controlled) setOwn(e.target.value);
          onChange?.(e);
        }}
        onClick={(e) => {
          // The whole field opens the picker, not only its icon (showPicker throws where it is not allowed).
          try {
            e.currentTarget.showPicker?.();
          } catch {
            // The native behaviour stays.
          }
        }}
        {...input}
      />
      <span className={cx('date-input-text', !text && 'is-empty')} aria-hidden="true">
        {text ? (
          <>
            <span className="date-input-weekday">{text.weekday} </span>
            {text.date}
          </>
        ) : (
          placeholder
        )}
      </span>
    </span>
  );
}
