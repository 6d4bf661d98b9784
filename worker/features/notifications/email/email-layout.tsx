// React Email's components, one package each (the same versions @react-email/components 1.0.12 pins): the
// barrel also re-exports its renderer (prettier, html-to-text) and Tailwind, which we never load (ADR 023).
import { Body } from '@react-email/body';
import { Button } from '@react-email/button';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Heading } from '@react-email/heading';
import { Hr } from '@react-email/hr';
import { Html } from '@react-email/html';
import { Link } from '@react-email/link';
import { Preview } from '@react-email/preview';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { CSSProperties, ReactNode } from 'react';
import type { ReceiptView } from './email-format';
import type { FooterView } from './email-views';

// The product's look in mail clients: calm neutrals, one teal accent, the wordmark in text (images are
// often blocked), one fluid column that reads on a phone. Inline styles only; clients drop <style>.

const color = { text: '#0f172a', muted: '#475569', subtle: '#64748b', border: '#e2e8f0', bg: '#f8fafc', accent: '#0f766e' };
const font = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const s = {
  body: { backgroundColor: color.bg, margin: 0, padding: '24px 0', fontFamily: font, color: color.text } satisfies CSSProperties,
  container: { maxWidth: '560px', width: '100%', margin: '0 auto', padding: '0 12px' } satisfies CSSProperties,
  wordmark: {
    fontSize: '20px',
    fontWeight: 700,
    color: color.accent,
    letterSpacing: '-0.01em',
    margin: '0 0 16px 4px',
  } satisfies CSSProperties,
  card: {
    backgroundColor: '#ffffff',
    border: `1px solid ${color.border}`,
    borderRadius: '12px',
    padding: '24px 20px',
  } satisfies CSSProperties,
  h1: { fontSize: '20px', lineHeight: '28px', fontWeight: 700, margin: '0 0 12px', color: color.text } satisfies CSSProperties,
  h2: { fontSize: '16px', lineHeight: '24px', fontWeight: 700, margin: '20px 0 8px', color: color.text } satisfies CSSProperties,
  h3: { fontSize: '15px', lineHeight: '22px', fontWeight: 600, margin: '12px 0 4px', color: color.text } satisfies CSSProperties,
  p: { fontSize: '15px', lineHeight: '24px', margin: '0 0 12px', color: color.text } satisfies CSSProperties,
  meta: { fontSize: '13px', lineHeight: '20px', margin: '0 0 8px', color: color.subtle } satisfies CSSProperties,
  label: {
    fontSize: '14px',
    lineHeight: '22px',
    color: color.muted,
    padding: '4px 12px 4px 0',
    verticalAlign: 'top',
  } satisfies CSSProperties,
  value: {
    fontSize: '14px',
    lineHeight: '22px',
    color: color.text,
    fontWeight: 600,
    padding: '4px 0',
    textAlign: 'right',
  } satisfies CSSProperties,
  link: { color: color.accent, textDecoration: 'underline' } satisfies CSSProperties,
  button: {
    backgroundColor: color.accent,
    color: '#ffffff',
    borderRadius: '8px',
    padding: '10px 18px',
    fontSize: '15px',
    fontWeight: 600,
    textDecoration: 'none',
  } satisfies CSSProperties,
  hr: { borderColor: color.border, margin: '20px 0' } satisfies CSSProperties,
  footer: { fontSize: '12px', lineHeight: '18px', color: color.subtle, margin: '0 0 8px' } satisfies CSSProperties,
};

export function EmailLayout(p: { preheader: string; homeUrl: string; footer: FooterView; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
      </Head>
      <Body style={s.body}>
        {/* First in the body: what inbox lists show after the subject. */}
        <Preview>{p.preheader}</Preview>
        <Container style={s.container}>
          <Text style={s.wordmark}>
            <Link href={p.homeUrl} style={{ color: color.accent, textDecoration: 'none' }}>
              Cadence
            </Link>
          </Text>
          <Section style={s.card}>{p.children}</Section>
          <Section style={{ padding: '16px 4px 0' }}>
            <Text style={s.footer}>{p.footer.reason}</Text>
            <Text style={s.footer}>
              <Link href={p.footer.preferencesUrl} style={{ ...s.link, color: color.subtle }}>
                Notification preferences
              </Link>
              {p.footer.unsubscribe ? (
                <>
                  {' · '}
                  <Link href={p.footer.unsubscribe.href} style={{ ...s.link, color: color.subtle }}>
                    {p.footer.unsubscribe.label}
                  </Link>
                </>
              ) : null}
            </Text>
            <Text style={s.footer}>Cadence — evidence, not hype.</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export const H1 = ({ children }: { children: ReactNode }) => (
  <Heading as="h1" style={s.h1}>
    {children}
  </Heading>
);
export const H2 = ({ children }: { children: ReactNode }) => (
  <Heading as="h2" style={s.h2}>
    {children}
  </Heading>
);
export const H3 = ({ children }: { children: ReactNode }) => (
  <Heading as="h3" style={s.h3}>
    {children}
  </Heading>
);
export const P = ({ children }: { children: ReactNode }) => <Text style={s.p}>{children}</Text>;
export const Meta = ({ children }: { children: ReactNode }) => <Text style={s.meta}>{children}</Text>;
export const Divider = () => <Hr style={s.hr} />;
export const A = ({ href, children }: { href: string; children: ReactNode }) => (
  <Link href={href} style={s.link}>
    {children}
  </Link>
);

export function Cta({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: '16px 0 4px' }}>
      <Button href={href} style={s.button}>
        {children}
      </Button>
    </Section>
  );
}

/** Label / value rows (figures), one per line so they read on a phone. */
export function Facts({ rows }: { rows: { label: string; value: string }[] }) {
  if (rows.length === 0) return null;
  return (
    <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ borderCollapse: 'collapse', margin: '4px 0 12px' }}>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label} style={{ borderBottom: `1px solid ${color.border}` }}>
            <td style={s.label}>{r.label}</td>
            <td style={s.value}>{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The activities a figure came from, each a link with its date. */
export function Receipts({ items, title = 'From these activities' }: { items: ReceiptView[]; title?: string }) {
  if (items.length === 0) return null;
  return (
    <>
      <Meta>{title}:</Meta>
      <ul style={{ margin: '0 0 12px', paddingLeft: '20px' }}>
        {items.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to a string; an activity may be listed twice
          <li key={`${i}:${r.href}`} style={{ fontSize: '14px', lineHeight: '22px', color: color.text }}>
            <A href={r.href}>{r.name}</A> <span style={{ color: color.subtle }}>· {r.date}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
