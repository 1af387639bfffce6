/**
 * Reading Terraform JSON values: the value types and the small readers every module of synthesized/ (and
 * the layers above) shares. Imports nothing, so the stack model and the declarations reader both build on
 * it without importing each other.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Attrs = { readonly [key: string]: Json };

export function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a nested attribute: `attr(attrs, 'jwt_configuration', 'issuer')`. Single blocks may be lists of one. */
export function attr(attrs: Attrs | undefined, ...path: (string | number)[]): Json | undefined {
  let v: Json | undefined = attrs as Json;
  for (const k of path) {
    if (Array.isArray(v) && typeof k === 'string') v = v[0];
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, Json>)[k];
  }
  return v;
}

/** Every string inside a value. */
export function strings(value: Json | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (isObject(value)) return Object.values(value).flatMap(strings);
  return [];
}

/** A list attribute as strings (a single string becomes a list of one). */
export function stringList(value: Json | undefined): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** Terraform JSON may carry booleans and numbers as strings. */
export const isTrue = (v: Json | undefined): boolean => v === true || v === 'true';
export const isFalse = (v: Json | undefined): boolean => v === false || v === 'false';
export function num(v: Json | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}
export const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
