import * as z from 'zod';
import { partialDateRange } from '../partial-date.js';

const partialDateValueSchema = z.string().superRefine((value, ctx) => {
  const range = partialDateRange(value);
  if ('error' in range) ctx.addIssue({ code: 'custom', message: range.error });
});

export const partialDateInputSchema = z.strictObject({
  value: partialDateValueSchema,
  approximate: z.boolean().optional(),
  text: z.string().trim().min(1).max(500).optional(),
});
