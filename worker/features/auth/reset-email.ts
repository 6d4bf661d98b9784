import type { EmailMessage } from '../../providers/email/email';

export function resetEmail(user: { email: string; displayName: string }, link: string): EmailMessage {
  return {
    to: user.email,
    tag: 'password-reset',
    subject: 'Reset your Cadence password',
    text: [
      `Hi ${user.displayName},`,
      '',
      'Someone (hopefully you) asked to reset the password of your Cadence account.',
      `Open this link within 30 minutes to choose a new one: ${link}`,
      '',
      "If it wasn't you, ignore this email: your password stays as it is.",
    ].join('\n'),
    html: `<p>Hi ${escapeHtml(user.displayName)},</p><p>Someone (hopefully you) asked to reset the password of your Cadence account.</p><p><a href="${escapeHtml(link)}">Choose a new password</a> (the link works once, for 30 minutes).</p><p>If it wasn't you, ignore this email: your password stays as it is.</p>`,
  };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
