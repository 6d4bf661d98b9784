// The coach's add on a client's plan: a library workout on a day, or a workout written out (workout control's add).
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';
import { AddInput } from '../../plans';

export const ClientAddInput = z
  .union([z.object({ libraryWorkoutId: z.uuid(), date: z.iso.date(), reason: FreeText({ max: 300 }).optional() }).strict(), AddInput])
  .openapi('CoachAddWorkout');
