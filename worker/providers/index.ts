import type { Env } from '../env';
import type { EmailSender } from './email/email';
import type { FileProviderClient, FileProviderName } from './file-provider/file-provider';
import { HttpGarminClient } from './garmin/garmin.http';
import type { GarminCoursesClient } from './garmin/garmin-courses';
import { HttpGarminCourses } from './garmin/garmin-courses.http';
import type { GarminTrainingClient } from './garmin/garmin-training';
import { HttpGarminTraining } from './garmin/garmin-training.http';
import { HttpEmailSender } from './email/email.http';
import { AnthropicLlm } from './llm/anthropic.http';
import type { LlmClient } from './llm/llm';
import { MistralLlm } from './llm/mistral.http';
import { HttpPolarClient } from './polar/polar.http';
import type { PushSender } from './push/push';
import { WebPushSender } from './push/push.http';
import type { StravaClient } from './strava/strava';
import { HttpStravaClient } from './strava/strava.http';
import type { Payments } from './stripe/stripe';
import { StripePayments } from './stripe/stripe.http';
import type { Billing } from './stripe/stripe-billing';
import { StripeBilling } from './stripe/stripe-billing.http';
import type { SmsSender, WebhookVerifier } from './twilio/twilio';
import { TwilioSmsSender } from './twilio/twilio.http';
import { TwilioWebhookVerifier } from './twilio/twilio-signature';

export interface Providers {
  email: EmailSender;
  strava: StravaClient;
  stripe: Payments;
  /** Stripe Billing: Cadence's own memberships (customers, subscriptions, portal, invoices). */
  billing: Billing;
  sms: SmsSender;
  /** Checks X-Twilio-Signature on inbound SMS webhooks. */
  twilioWebhooks: WebhookVerifier;
  /** The coach's models: Claude (default) and Mistral (fallback), both through their official SDKs. */
  llm: { anthropic: LlmClient; mistral: LlmClient };
  /** The live doors for the athlete's own device files (ADR 038): a provider is offered when its client is configured. */
  files: Partial<Record<FileProviderName, FileProviderClient>>;
  /** Garmin's Training API (ADR 057): present where the Garmin door is configured. */
  garminTraining?: GarminTrainingClient;
  /** Garmin's Courses API (ADR 101): present where the Garmin door is configured. */
  garminCourses?: GarminCoursesClient;
  /** Web Push to the athletes' browsers (ADR 076): present where a VAPID pair and subject are configured. */
  push?: PushSender;
}

/**
 * The single place that builds providers from config; providers never read env themselves. Each is built when first
 * used: most requests use none or one, and the SDK clients (two Stripe, Anthropic, Mistral) cost CPU to construct.
 */
export function createProviders(env: Env): Providers {
  const made = new Map<keyof Providers, unknown>();
  const once = <K extends keyof Providers>(name: K, make: () => Providers[K]): Providers[K] => {
    if (!made.has(name)) made.set(name, make());
    return made.get(name) as Providers[K];
  };
  const garmin = !!(env.GARMIN_CLIENT_ID && env.GARMIN_CLIENT_SECRET);
  return {
    get email() {
      return once('email', () => new HttpEmailSender(env.EMAIL_API_URL, env.EMAIL_API_KEY, env.EMAIL_FROM));
    },
    get strava() {
      return once(
        'strava',
        () =>
          new HttpStravaClient({
            apiUrl: env.STRAVA_API_URL,
            oauthUrl: env.STRAVA_OAUTH_URL,
            clientId: env.STRAVA_CLIENT_ID,
            clientSecret: env.STRAVA_CLIENT_SECRET,
            revokeUrl: env.STRAVA_REVOKE_URL,
          }),
      );
    },
    get stripe() {
      return once(
        'stripe',
        () =>
          new StripePayments({ secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiUrl: env.STRIPE_API_URL }),
      );
    },
    get billing() {
      return once('billing', () => new StripeBilling({ secretKey: env.STRIPE_SECRET_KEY, apiUrl: env.STRIPE_API_URL }));
    },
    get sms() {
      return once(
        'sms',
        () =>
          new TwilioSmsSender({
            apiUrl: env.TWILIO_API_URL,
            accountSid: env.TWILIO_ACCOUNT_SID,
            authToken: env.TWILIO_AUTH_TOKEN,
            messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
            fromNumber: env.TWILIO_FROM_NUMBER,
          }),
      );
    },
    get twilioWebhooks() {
      return once('twilioWebhooks', () => new TwilioWebhookVerifier(env.TWILIO_AUTH_TOKEN));
    },
    get llm() {
      return once('llm', () => createLlmProviders(env));
    },
    get files() {
      return once('files', () => ({
        ...(garmin
          ? {
              garmin: new HttpGarminClient({
                authorizeUrl: env.GARMIN_AUTHORIZE_URL,
                tokenUrl: env.GARMIN_TOKEN_URL,
                apiUrl: env.GARMIN_API_URL,
                clientId: env.GARMIN_CLIENT_ID!,
                clientSecret: env.GARMIN_CLIENT_SECRET!,
              }),
            }
          : {}),
        polar: createPolarClient(env),
      }));
    },
    // Garmin's Training API rides on the Garmin door's connection: offered where that door is (ADR 057).
    get garminTraining() {
      return once('garminTraining', () => (garmin ? new HttpGarminTraining(env.GARMIN_API_URL) : undefined));
    },
    get garminCourses() {
      return once('garminCourses', () => (garmin ? new HttpGarminCourses(env.GARMIN_API_URL) : undefined));
    },
    get push() {
      return once('push', () =>
        env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY && env.VAPID_SUBJECT
          ? new WebPushSender(
              { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT },
              // Real push services are https only (RFC 8030 §8); the loopback sandbox is plain http.
              { allowHttp: env.APP_ENV === 'development' || env.APP_ENV === 'test' },
            )
          : undefined,
      );
    },
  };
}

/** The coach's models alone: the AI coach's session builds nothing else. */
export function createLlmProviders(env: Env): Providers['llm'] {
  return {
    anthropic: new AnthropicLlm({ apiKey: env.ANTHROPIC_API_KEY, baseUrl: env.ANTHROPIC_API_URL }),
    mistral: new MistralLlm({ apiKey: env.MISTRAL_API_KEY, serverUrl: env.MISTRAL_API_URL }),
  };
}

/** Polar AccessLink on the file-provider port: the live doors' registry takes it as is. */
export function createPolarClient(env: Env): FileProviderClient {
  return new HttpPolarClient({
    apiUrl: env.POLAR_API_URL,
    authUrl: env.POLAR_AUTH_URL,
    tokenUrl: env.POLAR_TOKEN_URL,
    clientId: env.POLAR_CLIENT_ID,
    clientSecret: env.POLAR_CLIENT_SECRET,
    webhookSecret: env.POLAR_WEBHOOK_SECRET,
  });
}
