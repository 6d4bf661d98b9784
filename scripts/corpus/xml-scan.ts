// XML: a tag scanner (no entities beyond the five, no DTDs), enough for GPX and TCX. Deliberately not
// saxes (what our parsers use), so a bug there cannot hide itself by producing the expected values too.

export interface XmlEvents {
  open(name: string, attrs: Record<string, string>, path: string[]): void;
  close(name: string, text: string, path: string[]): void;
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;
const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const local = (name: string) => name.slice(name.indexOf(':') + 1);
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Calls `events` for each element (names without their namespace prefix); returns the root element's name. */
export function scanXml(text: string, events: XmlEvents): string | undefined {
  const path: string[] = [];
  const texts: string[] = [];
  let root: string | undefined;
  for (const m of text.matchAll(TOKEN)) {
    if (m[6] !== undefined || m[1] !== undefined) {
      if (texts.length) texts[texts.length - 1] += m[1] ?? unescapeXml(m[6] ?? '');
      continue;
    }
    if (m[3] === undefined) continue; // comment, PI, doctype
    const name = local(m[3]);
    if (m[2] === '/') {
      const body = (texts.pop() ?? '').trim();
      path.pop();
      events.close(name, body, path);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[4] ?? '').matchAll(ATTR)) attrs[local(a[1] ?? '')] = unescapeXml(a[2] ?? a[3] ?? '');
    root ??= name;
    events.open(name, attrs, path);
    if (m[5] === '/') events.close(name, '', path);
    else {
      path.push(name);
      texts.push('');
    }
  }
  return root;
}
