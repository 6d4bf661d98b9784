// The form rules every page action uses: text values only, zod issues and service errors as field errors.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../worker/lib/errors';
import { appErrorToForm, formValues, isAppError, issuesToFields, parseForm, parseValues } from './forms.server';

describe('form values', () => {
  it('keeps text fields, the first of a repeated name, and drops files', () => {
    const form = new FormData();
    form.append('name', 'Ada');
    form.append('name', 'second');
    form.append('upload', new Blob(['x']), 'x.txt');
    form.append('empty', '');
    expect(formValues(form)).toEqual({ name: 'Ada', empty: '' });
  });
});

describe('zod issues as form errors', () => {
  it('takes the first message per field, names fields through the page, and words them as the page does', () => {
    const failure = issuesToFields(
      [
        { path: ['amountCents'], message: 'Too small' },
        { path: ['amountCents'], message: 'Second complaint' },
        { path: ['goal', 'eventDate'], message: 'Not a date' },
        { path: [], message: 'The form as a whole is wrong' },
        { path: [], message: 'Said twice' },
      ],
      { fieldOf: (p) => (p === 'amountCents' ? 'amount' : p), messages: { amount: 'Enter an amount like 25.00' } },
    );
    expect(failure).toEqual({
      ok: false,
      fieldErrors: { amount: 'Enter an amount like 25.00', 'goal.eventDate': 'Not a date' },
      formError: 'The form as a whole is wrong',
    });
  });

  it('parses values with a schema into data or the same failure shape', () => {
    const Schema = z.object({ name: z.string().min(1, 'Give a name'), age: z.coerce.number().int() });
    expect(parseValues({ name: 'Ada', age: '36' }, Schema)).toEqual({ ok: true, data: { name: 'Ada', age: 36 } });
    const failed = parseValues({ name: '', age: '3.5' }, Schema);
    expect(failed.ok).toBe(false);
    expect(failed.ok ? null : Object.keys(failed.fieldErrors).sort()).toEqual(['age', 'name']);
    const form = new FormData();
    form.append('name', 'Grace');
    form.append('age', '85');
    expect(parseForm(form, Schema)).toEqual({ ok: true, data: { name: 'Grace', age: 85 } });
  });
});

describe('service errors as form feedback', () => {
  it('recognises the AppError by shape', () => {
    expect(isAppError(new AppError('NOT_FOUND', 'Gone'))).toBe(true);
    const lookalike = Object.assign(new Error('x'), { name: 'AppError', code: 'CONFLICT' });
    expect(isAppError(lookalike)).toBe(true);
    expect(isAppError(new Error('plain'))).toBe(false);
    expect(isAppError({ name: 'AppError', code: 'CONFLICT' })).toBe(false);
  });

  it('maps field issues through the page, keeps code, status and reason, and does not repeat a field’s message', () => {
    const err = new AppError('VALIDATION', 'Enter a price.', {
      fields: [
        { path: 'priceCents', message: 'Enter a price' },
        { path: 'priceCents', message: 'ignored: one per field' },
      ],
      reason: 'FEATURE_OFF',
    });
    expect(appErrorToForm(err, { fieldOf: (p) => (p === 'priceCents' ? 'price' : p) })).toEqual({
      ok: false,
      code: 'VALIDATION',
      status: 400,
      fieldErrors: { price: 'Enter a price' },
      reason: 'FEATURE_OFF',
    });
    expect(appErrorToForm(new AppError('CONFLICT', 'That slot is taken'))).toEqual({
      ok: false,
      code: 'CONFLICT',
      status: 409,
      fieldErrors: {},
      formError: 'That slot is taken',
    });
  });

  it('lets anything but an AppError propagate', () => {
    const bug = new TypeError('undefined is not a function');
    expect(() => appErrorToForm(bug)).toThrow(bug);
  });
});
