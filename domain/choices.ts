/** Closed choices (literal unions) checked at run time, so a parsed value carries its literal type. */

/** Whether `value` is one of `choices`; narrows a string to the choices' literal union. */
export function isOneOf<T extends string>(choices: readonly T[], value: string): value is T {
  return choices.some((c) => c === value);
}
