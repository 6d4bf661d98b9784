export { createCoachService } from './coach-os.service';
export { CreateClientInput, CreateOrgInput, CreatePackageTypeInput, UpdateOrgInput } from './coach-os.schema';
export type { Member } from './coach-os.service';
export { createCoachEvents } from './coach-events';
export type { CoachEvents } from './coach-events';
export { createPaymentsService } from './payments/payments.service';
export { CreateMoneyEventInput, Month, parseAmountToCents, Pnl } from './payments/payments.schema';
export { createConsoleService, LOW_SESSIONS } from './console/console.service';
// The wiring registers these in the platform's Stripe inbox for the coach-payment events (checkout, invoice, refund).
export { coachPaymentHandlers } from './payments/stripe-handlers';
// What pages need of the console's sub-features (each also has its own index for the worker's wiring).
export { presentBooking } from './bookings';
export { TEMPLATE_KINDS, type TemplateKind, type SmsService } from './sms';
export { InviteInput } from './team';
export { CreateAutomationInput, describeAudience, localLabel, Trigger, type Audience, type AutomationsService } from './automations';
// The coach routes' org lookup and gates, for features whose routes sit under /api/v1/coach (team API keys).
export { member, orgEntitled, orgMember, orgOwner } from './coach-os.http';
