export { createSmsService } from './sms.service';
export type { SmsService, SendToClientInput } from './sms.service';
export type { Outcome as SmsOutcome } from './sms-delivery';
export { TEMPLATE_KINDS, type TemplateKind } from './sms-templates';
