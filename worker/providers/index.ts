import type { Env } from '../env';
import type { EmailSender } from './email/email';
import { HttpEmailSender } from './email/email.http';

export interface Providers {
  email: EmailSender;
}

/** The single place that builds providers from config; providers never read env themselves. */
export function createProviders(env: Env): Providers {
  return {
    email: new HttpEmailSender(env.EMAIL_API_URL, env.EMAIL_API_KEY, env.EMAIL_FROM),
  };
}
