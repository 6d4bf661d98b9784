import { renderToStaticMarkup } from 'react-dom/server';
import { EmailBody } from './email-bodies';
import type { EmailContent, EmailLinks, EmailRecipient, RenderedEmail } from './email-content';
import { EmailLayout } from './email-layout';
import { emailText } from './email-text';
import { emailView } from './email-views';

// XHTML 1.0 Transitional is what mail clients (Outlook's Word engine included) handle most predictably.
const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * One notification email for one reader: subject, HTML (React Email components rendered with React's
 * own static renderer, already in the worker) and a plain-text part written from the same view.
 */
export function renderEmail(content: EmailContent, recipient: EmailRecipient, links: EmailLinks): RenderedEmail {
  const view = emailView(content, recipient, links);
  const html = renderToStaticMarkup(
    <EmailLayout preheader={view.preheader} homeUrl={view.homeUrl} footer={view.footer}>
      <EmailBody greeting={view.greeting} body={view.body} />
    </EmailLayout>,
  );
  return { subject: view.subject, html: `${DOCTYPE}${html}`, text: emailText(view) };
}
