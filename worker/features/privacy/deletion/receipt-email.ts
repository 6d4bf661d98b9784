import type { EmailMessage } from '../../../providers/email/email';
import type { DeletionReceipt } from './deletion.schema';

const AREA_LABELS: Record<string, string> = {
  account: 'Account and settings',
  activities: 'Activities and their streams',
  analytics: 'Thresholds and fitness',
  plans: 'Training plans',
  'ai-coach': 'AI coach conversations',
  coaching: 'Coaching',
  connections: 'Connected services',
  notifications: 'Notifications',
  billing: 'Membership and billing',
  imports: 'Imports',
  security: 'Sessions and security records',
  none: 'Derived and operational data',
};

const PROVIDER_OUTCOME: Record<string, string> = {
  revoked: 'access revoked at the source',
  deregistered: 'registration ended at the source',
  already_revoked: 'access had already ended there',
  failed: 'the call failed; our tokens were deleted anyway',
};

/** The receipt as plain lines: what went where, in counts; nothing about the person but the address it goes to. */
export function receiptLines(r: DeletionReceipt): string[] {
  const lines: string[] = [];
  const byArea = new Map<string, { deleted: number; unlinked: number; pseudonymised: number }>();
  for (const t of r.tables) {
    const a = byArea.get(t.area) ?? { deleted: 0, unlinked: 0, pseudonymised: 0 };
    if (t.fate === 'deleted') a.deleted += t.rows;
    else if (t.fate === 'unlinked') a.unlinked += t.rows;
    else if (t.fate === 'pseudonymised') a.pseudonymised += t.rows;
    byArea.set(t.area, a);
  }
  lines.push('Database records:');
  for (const [area, a] of byArea) {
    const parts = [`${a.deleted} deleted`];
    if (a.unlinked) parts.push(`${a.unlinked} unlinked from you`);
    lines.push(`- ${AREA_LABELS[area] ?? area}: ${parts.join(', ')}`);
  }
  lines.push(`- Audit log: ${r.audit.pseudonymised} entries kept under a pseudonym (no name, no email)`);
  lines.push(`- AI coach costs: ${r.aiCosts.folded} model calls folded into anonymous daily totals`);
  lines.push(`Stored files: ${r.files.objects} deleted`);
  lines.push('Connected services:');
  if (!r.providers.length) lines.push('- none were connected');
  for (const p of r.providers) lines.push(`- ${p.provider}: ${PROVIDER_OUTCOME[p.outcome] ?? p.outcome}`);
  lines.push('Payments (Stripe):');
  if (!r.stripe.customers) lines.push('- no Stripe customer');
  else {
    lines.push(
      `- ${r.stripe.subscriptionsCancelled} subscription(s) cancelled, ${r.stripe.customersAnonymised} customer record(s) anonymised`,
    );
    lines.push(`- Invoices kept at Stripe: ${r.stripe.invoicesKept}`);
  }
  if (r.coaching.coachesTold)
    lines.push(`Coaches told you left: ${r.coaching.coachesTold} (their own business records stay with them, without you)`);
  return lines;
}

export function receiptEmail(to: string, requestId: string, r: DeletionReceipt): EmailMessage {
  const lines = receiptLines(r);
  const intro = [
    'Your Cadence account has been deleted, as you asked.',
    'Here is what was erased. This email is the last thing we send to this address: it is now erased too.',
    '',
  ];
  const outro = ['', `Receipt ${requestId}. We keep these counts, under a code that does not name you, as the record of your request.`];
  const text = [...intro, ...lines, ...outro].join('\n');
  const html = `<p>${intro.slice(0, 2).map(escapeHtml).join('</p><p>')}</p><pre style="font-family:inherit;white-space:pre-wrap">${escapeHtml(lines.join('\n'))}</pre><p>${escapeHtml(outro[1]!)}</p>`;
  return {
    to,
    tag: 'account-deletion-receipt',
    subject: 'Your Cadence account is deleted: your receipt',
    text,
    html,
    idempotencyKey: `deletion-receipt:${requestId}`,
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
