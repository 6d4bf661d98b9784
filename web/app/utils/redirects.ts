const DEFAULT_AFTER_LOGIN = '/home';

/** Only same-site relative paths: "//evil.test" and "/\evil.test" are other hosts to a browser. */
export function safeNext(raw: FormDataEntryValue | string | null | undefined, fallback = DEFAULT_AFTER_LOGIN): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  // Control characters can smuggle a different target past the checks above.
  if (/[\u0000-\u001f\u007f]/.test(raw)) return fallback;
  return raw;
}
