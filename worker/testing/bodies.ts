// Response bodies as tests read them: a route's success answer typed from its response schema, and the
// error answer every route shares (worker/http/openapi-shared.ts).
import type { z } from '@hono/zod-openapi';
import type { ErrorResponse } from '../http/openapi-shared';

/** The body a route answers with this response schema: `h.json<Body<typeof FitnessResponse>>(path, init)`. */
export type Body<S extends z.ZodType> = z.output<S>;

/** Every error answer, as `ErrorResponse` declares it: `{ error: { code, message, requestId, reason?, fields?, … } }`. */
export type ErrorBody = z.output<typeof ErrorResponse>;

/** One call's answer that may be either (a test splitting racing calls by status): every field optional. */
export type OkOrError<T> = Partial<T> & Partial<ErrorBody>;
