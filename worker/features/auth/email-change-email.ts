import type { EmailMessage } from '../../providers/email/email';
import { escapeHtml } from './reset-email';

// The two mails of an email change (ADR 040): the link to the NEW address (proves it is theirs), and the
// notice to the OLD one (whoever changed it, the owner of the old inbox can take the account back).

export function confirmEmailChangeEmail(to: { newEmail: string; displayName: string }, link: string): EmailMessage {
  return {
    to: to.newEmail,
    tag: 'email-change-confirm',
    subject: 'Confirm your new Cadence email address',
    text: [
      `Hi ${to.displayName},`,
      '',
      `You asked to use this address (${to.newEmail}) for your Cadence account.`,
      `Open this link within 24 hours to confirm it: ${link}`,
      '',
      "Until you do, nothing changes: you keep signing in with your current address. If it wasn't you, ignore this email.",
    ].join('\n'),
    html: `<p>Hi ${escapeHtml(to.displayName)},</p><p>You asked to use this address (${escapeHtml(to.newEmail)}) for your Cadence account.</p><p><a href="${escapeHtml(link)}">Confirm your new address</a> (the link works once, for 24 hours).</p><p>Until you do, nothing changes: you keep signing in with your current address. If it wasn't you, ignore this email.</p>`,
  };
}

export function emailChangedNotice(to: { oldEmail: string; newEmail: string; displayName: string }, undoLink: string): EmailMessage {
  return {
    to: to.oldEmail,
    tag: 'email-change-notice',
    subject: 'Your Cadence email address was changed',
    text: [
      `Hi ${to.displayName},`,
      '',
      `The email address of your Cadence account was changed from ${to.oldEmail} to ${to.newEmail}, and every other device was signed out.`,
      '',
      `If that wasn't you, open this link within 72 hours: it puts ${to.oldEmail} back and signs everyone out. ${undoLink}`,
      'Then reset your password from the sign-in page.',
    ].join('\n'),
    html: `<p>Hi ${escapeHtml(to.displayName)},</p><p>The email address of your Cadence account was changed from ${escapeHtml(to.oldEmail)} to ${escapeHtml(to.newEmail)}, and every other device was signed out.</p><p>If that wasn't you, <a href="${escapeHtml(undoLink)}">put ${escapeHtml(to.oldEmail)} back and sign everyone out</a> (the link works once, for 72 hours). Then reset your password from the sign-in page.</p>`,
  };
}
