import { Link, useLocation, useNavigation, type LinkProps } from '@remix-run/react';
import type { ButtonHTMLAttributes } from 'react';
import { cx } from './cx';

/** danger-quiet: a destructive action repeated in a list, where a row of red blocks would shout. */
export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'danger-quiet' | 'link';
type Size = 'sm' | 'md' | 'lg';

export const buttonClass = (variant: ButtonVariant = 'primary', size: Size = 'md', extra?: string) =>
  cx('btn', `btn-${variant}`, size !== 'md' && `btn-${size}`, extra);

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: Size };

export function Button({ variant, size, className, type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={buttonClass(variant, size, className)} {...props} />;
}

export function ButtonLink({ variant, size, className, ...props }: LinkProps & { variant?: ButtonVariant; size?: Size }) {
  return <Link className={buttonClass(variant, size, className)} {...props} />;
}

/**
 * True while a POST whose form data matches `match` (and, if given, whose action is `action`) is in
 * flight, and while the redirect it answered with loads. Not during the revalidation of the same
 * page, when the result ("Saved") is already showing.
 */
export function useSubmitting(match: Record<string, string> = {}, action?: string): boolean {
  const navigation = useNavigation();
  const location = useLocation();
  if (navigation.state === 'idle' || navigation.formMethod?.toUpperCase() !== 'POST') return false;
  const here = location.pathname + location.search;
  if (navigation.state === 'loading' && navigation.location.pathname + navigation.location.search === here) return false;
  if (action && navigation.formAction?.split('?')[0] !== action) return false;
  return Object.entries(match).every(([key, value]) => navigation.formData?.get(key) === value);
}

type SubmitProps = ButtonProps & { pendingText: string; match?: Record<string, string>; action?: string };

export function SubmitButton({ pendingText, match, action, children, disabled, ...props }: SubmitProps) {
  const busy = useSubmitting(match, action);
  return (
    <Button type="submit" disabled={busy || disabled} aria-disabled={busy || undefined} {...props}>
      {busy ? pendingText : children}
    </Button>
  );
}
