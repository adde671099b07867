// Strict reading of YAML/JSON data files: every error names the file, the field's path
// and what is allowed, so a typo in formulas/ is a one-line message rather than a crash.

import { UserError, didYouMean, quote } from '../errors.js';

export type Obj = Record<string, unknown>;

export class FieldReader {
  constructor(
    readonly file: string,
    readonly path: string = '',
  ) {}

  at(key: string): FieldReader {
    return new FieldReader(this.file, this.path ? `${this.path}.${key}` : key);
  }

  fail(why: string): never {
    throw new UserError(`${this.file}: ${this.path || '(top level)'}: ${why}`);
  }

  object(v: unknown, allowed: readonly string[], required: readonly string[] = []): Obj {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail('expected a mapping of fields');
    const o = v as Obj;
    for (const k of Object.keys(o))
      if (!allowed.includes(k))
        this.at(k).fail(`unknown field${didYouMean(k, allowed)}; allowed: ${allowed.join(', ')}`);
    for (const k of required) if (o[k] === undefined) this.at(k).fail('is required');
    return o;
  }

  /** A mapping whose keys are names (ids) chosen by the file. */
  map(v: unknown): Obj {
    if (v === undefined || v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) this.fail('expected a mapping of named entries');
    return v as Obj;
  }

  string(v: unknown): string {
    if (typeof v !== 'string' || v.trim() === '') this.fail('expected a non-empty text');
    return v;
  }

  optionalString(v: unknown): string | undefined {
    return v === undefined ? undefined : this.string(v);
  }

  /** An expression: a string such as "d/h" or a plain integer. */
  expression(v: unknown): string | number {
    if (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '')) return v;
    return this.fail('expected an expression such as d or d/h');
  }

  /** A positive number written as a YAML number (bytes per element, FLOPs per parameter). */
  positiveNumber(v: unknown): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) this.fail(`${quote(v)} is not allowed; expected a positive number`);
    return v;
  }

  /** A non-negative whole number (a count of optimizer states, FLOPs of one operation). */
  count(v: unknown): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) this.fail(`${quote(v)} is not allowed; expected a whole number ≥ 0`);
    return v;
  }

  boolean(v: unknown, fallback: boolean): boolean {
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') this.fail(`${quote(v)} is not allowed; expected true or false`);
    return v;
  }

  list(v: unknown): unknown[] {
    if (!Array.isArray(v)) this.fail('expected a list');
    return v;
  }

  identifier(name: string): string {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      this.fail(`'${name}' is not a valid name (letters, digits and _, not starting with a digit)`);
    if (isReservedName(name)) this.fail(`'${name}' is not allowed as a name (it is a property of every JavaScript object)`);
    return name;
  }

  /** A file-level name such as swiglu-mha or gpt2-xl: lower case, digits, '-', '_' and '.'. */
  slug(v: unknown): string {
    const s = this.string(v);
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(s)) this.fail(`'${s}' must be lower-case letters, digits, '-', '_' or '.'`);
    return s;
  }
}

/**
 * Names every plain object already has (__proto__, constructor, toString, …): used as a symbol,
 * field or option name they would read or overwrite an object's prototype instead of a value.
 */
export function isReservedName(name: string): boolean {
  return name === '__proto__' || name in Object.prototype;
}
