import { z } from '@hono/zod-openapi';

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION' }),
      message: z.string(),
      requestId: z.string(),
      reason: z
        .string()
        .optional()
        .openapi({ description: 'A machine-readable refinement of the code, when one case needs telling apart (e.g. BOOKING_OVERLAP)' }),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      textErrors: z
        .array(z.object({ line: z.number().int(), column: z.number().int(), token: z.string(), message: z.string() }))
        .optional(),
      entitlement: z
        .object({ feature: z.string(), requiredTier: z.string() })
        .optional()
        .openapi({ description: 'ENTITLEMENT_REQUIRED: the plan feature and the cheapest tier that includes it' }),
      quota: z
        .object({ kind: z.string(), limit: z.number().int(), used: z.number().int(), resetsAt: z.string() })
        .optional()
        .openapi({ description: 'QUOTA_EXCEEDED: the monthly allowance, what is used and when it resets' }),
      scope: z
        .string()
        .optional()
        .openapi({ description: 'SCOPE_REQUIRED: the API-key scope the operation needs (`none`: no key may call it)' }),
    }),
  })
  .openapi('Error');

/** The path's own resource id, `{id}` (a uuid): `/users/{id}`, `/team/invites/{id}`. */
export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

/** A user's id where the path names it `{userId}`: `/users/{userId}/membership`, `/team/members/{userId}`. */
export const UserIdParam = z.object({ userId: z.uuid().openapi({ param: { name: 'userId', in: 'path' } }) });

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorResponse } } });

/** Standard error responses, picked per route. */
export const errorResponses = {
  400: err('Invalid input'),
  401: err('Not logged in'),
  403: err('Not allowed'),
  404: err('Not found'),
  409: err('Conflict'),
  422: err('The Idempotency-Key was already used for a different request'),
  429: err('Too many attempts'),
} as const;

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
