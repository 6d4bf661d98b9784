export { createSmsService } from './sms.service';
export type { SmsService, SendToClientInput } from './sms.service';
export type { Outcome as SmsOutcome } from './sms-delivery';
export { smsSendDueJob } from './sms.jobs';
export { smsRoutes, smsClientRoutes } from './sms.routes';
export { twilioWebhookRoutes } from './sms-webhook.routes';
export { TEMPLATE_KINDS, type TemplateKind } from './sms-templates';
