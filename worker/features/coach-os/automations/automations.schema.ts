// Automations' inputs and answers. The trigger, action and audience are discriminated unions so every
// invalid field is a 400 that names it (trigger.time, trigger.weekdays.0, trigger.expression …).

import { z } from '@hono/zod-openapi';
import { Cron } from 'croner';
import { FreeText } from '../../../lib/text.schema';
import { messageProblems } from './automation-message';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour)');

/** Five-field cron (minute hour day-of-month month weekday), read in the org's zone; no seconds field. */
export const CronExpression = FreeText({ min: 9, max: 100 }).superRefine((expr, ctx) => {
  try {
    new Cron(expr, { mode: '5-part', paused: true });
  } catch (err) {
    ctx.addIssue({
      code: 'custom',
      message: `Invalid cron expression: ${err instanceof Error ? err.message.replace(/^CronPattern: /, '') : 'unreadable'}`,
    });
  }
});

export const ScheduleTrigger = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daily'), time: HHMM }),
  z.object({
    kind: z.literal('weekly'),
    /** 0 = Sunday … 6 = Saturday. */
    weekdays: z
      .array(z.number().int().min(0, 'Weekdays are 0 (Sunday) to 6 (Saturday)').max(6, 'Weekdays are 0 (Sunday) to 6 (Saturday)'))
      .min(1, 'Pick at least one weekday')
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'Each weekday once'),
    time: HHMM,
  }),
  z.object({ kind: z.literal('cron'), expression: CronExpression }),
]);
export type ScheduleTrigger = z.infer<typeof ScheduleTrigger>;

export const EventTrigger = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('booking_completed') }),
  /** A client's package is down to one session or none. */
  z.object({ kind: z.literal('package_low') }),
  z.object({ kind: z.literal('package_expiring'), days: z.number().int().min(1).max(90) }),
  z.object({ kind: z.literal('client_inactive'), days: z.number().int().min(1).max(365) }),
]);
export type EventTrigger = z.infer<typeof EventTrigger>;

export const Trigger = z.union([ScheduleTrigger, EventTrigger]).openapi('AutomationTrigger');
export type Trigger = z.infer<typeof Trigger>;
export const SCHEDULE_KINDS = ['daily', 'weekly', 'cron'] as const;
export const isSchedule = (t: Trigger): t is ScheduleTrigger => (SCHEDULE_KINDS as readonly string[]).includes(t.kind);

/** Who a scheduled automation acts on; event triggers act on the client the event is about. */
export const Audience = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('coach') }),
    z.object({ kind: z.literal('active_clients') }),
    z.object({ kind: z.literal('low_sessions'), max: z.number().int().min(0).max(100) }),
    z.object({ kind: z.literal('inactive'), days: z.number().int().min(1).max(365) }),
  ])
  .openapi('AutomationAudience');
export type Audience = z.infer<typeof Audience>;

const Message = FreeText({ max: 1000, multiline: true }).superRefine((text, ctx) => {
  for (const message of messageProblems(text)) ctx.addIssue({ code: 'custom', message });
});
/** A title, subject or optional note: may be empty (the length rule says when not), variables still checked. */
const withVariables = (base: z.ZodString) =>
  base.superRefine((text, ctx) => {
    for (const message of messageProblems(text || ' ').filter((m) => !m.includes('cannot be empty')))
      ctx.addIssue({ code: 'custom', message });
  });
export const Action = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('sms'), message: Message }),
    z.object({ kind: z.literal('email'), subject: withVariables(FreeText({ min: 1, max: 150 })), message: Message }),
    z.object({
      kind: z.literal('task'),
      title: withVariables(FreeText({ min: 1, max: 150 })),
      message: withVariables(FreeText({ max: 1000, multiline: true }))
        .optional()
        .default(''),
    }),
  ])
  .openapi('AutomationAction');
export type Action = z.infer<typeof Action>;

export const CreateAutomationInput = z
  .object({
    name: FreeText({ min: 1, max: 120 }),
    enabled: z.boolean().optional(),
    trigger: Trigger,
    action: Action,
    audience: Audience.nullable()
      .optional()
      .openapi({ description: 'Required for schedule triggers; must be absent/null for event triggers' }),
  })
  .openapi('CreateAutomation');
export const UpdateAutomationInput = CreateAutomationInput.partial().openapi('UpdateAutomation');
export const PreviewInput = z.object({ trigger: Trigger }).openapi('AutomationPreviewInput');

export const RunTime = z.object({ at: z.string(), local: z.string().openapi({ example: 'Mon 9 Mar 2026, 07:00 MST' }) });
export const Preview = z.object({ timeZone: z.string(), summary: z.string(), nextRuns: z.array(RunTime) }).openapi('AutomationPreview');

export const Run = z
  .object({
    id: z.uuid(),
    automationId: z.uuid(),
    clientId: z.uuid().nullable(),
    key: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed', 'skipped']),
    detail: z.string().nullable(),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    attempt: z.number(),
    nextAttemptAt: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('AutomationRun');

export const Automation = z
  .object({
    id: z.uuid(),
    name: z.string(),
    enabled: z.boolean(),
    trigger: Trigger,
    action: Action,
    audience: Audience.nullable(),
    summary: z.string(),
    nextRunAt: z.string().nullable(),
    nextRuns: z.array(RunTime),
    lastRun: Run.nullable(),
    createdAt: z.string(),
  })
  .openapi('Automation');

export const Task = z
  .object({
    id: z.uuid(),
    title: z.string(),
    body: z.string(),
    clientId: z.uuid().nullable(),
    assigneeId: z.uuid().nullable(),
    dueAt: z.string().nullable(),
    doneAt: z.string().nullable(),
    automationRunId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .openapi('CoachTask');
export const TasksQuery = z.object({ status: z.enum(['open', 'done', 'all']).optional().default('open') });
export const RunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).optional().default(50) });
