/** A zod field whose value a domain function checks: the function's answer is the message. */
import { z } from 'zod';

/** `type`, refined so that `problem` finds nothing wrong with the value (its answer is the message). */
export function checked<T extends z.ZodTypeAny>(
  type: T,
  problem: (v: z.output<T>) => string | undefined,
): z.ZodEffects<T, z.output<T>, z.input<T>> {
  const refinement = (v: z.output<T>, ctx: z.RefinementCtx) => {
    const why = problem(v);
    if (why) ctx.addIssue({ code: z.ZodIssueCode.custom, message: why });
  };
  return new z.ZodEffects<T, z.output<T>, z.input<T>>({
    schema: type,
    typeName: z.ZodFirstPartyTypeKind.ZodEffects,
    effect: { type: 'refinement', refinement },
  });
}
