// The library returns what `--json` prints, as values: the document the CLI serialises, with every
// count a BigInt (exact, in full digits), shares and ratios as numbers, and nothing JSON would
// drop (undefined fields, toJSON objects resolved). toJson(plain(x)) === toJson(x), always.

export type JsonValue = bigint | number | string | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function plain(v: unknown): JsonValue {
  if (v === null) return null;
  switch (typeof v) {
    case 'bigint':
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      // As JSON writes it: a float that is not finite becomes null.
      return Number.isFinite(v) ? v : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return null;
  }
  if (Array.isArray(v)) return v.map((x) => (x === undefined || typeof x === 'function' ? null : plain(x)));
  const o = v as Record<string, unknown> & { toJSON?: () => unknown };
  if (typeof o.toJSON === 'function') return plain(o.toJSON());
  const out: JsonObject = {};
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    // A field named __proto__ (a model's own option names never are) stays a field.
    Object.defineProperty(out, k, { value: plain(x), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
