import { Link, useLocation } from '@remix-run/react';

/** The current address with one search parameter changed (the others, e.g. another card's choice, kept). */
export function useHrefWith(): (key: string, value: string, hash?: string) => string {
  const { pathname, search } = useLocation();
  return (key, value, hash) => {
    const params = new URLSearchParams(search);
    params.set(key, value);
    return `${pathname}?${params.toString()}${hash ? `#${hash}` : ''}`;
  };
}

/**
 * A choice made with links (?key=value), so it works without JavaScript and can be shared; with it,
 * the page updates in place without scrolling.
 */
export function Segmented({
  label,
  param,
  options,
  value,
  hash,
}: {
  label: string;
  param: string;
  options: readonly { value: string; label: string; short?: string }[];
  value: string;
  hash?: string;
}) {
  const hrefWith = useHrefWith();
  return (
    <nav aria-label={label}>
      <ul className="segmented">
        {options.map((o) => (
          <li key={o.value}>
            <Link
              to={hrefWith(param, o.value, hash)}
              className="segmented-link"
              aria-current={o.value === value ? 'true' : undefined}
              preventScrollReset
              replace
            >
              {o.short ? (
                <>
                  <span className="seg-short">{o.short}</span>
                  <span className="seg-long">{o.label}</span>
                </>
              ) : (
                o.label
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
