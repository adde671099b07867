// A data file of named entries (precision policies, optimizers, activation conventions,
// accelerators): read once, looked up by name with a one-line error that suggests close names.

import { UserError, didYouMean } from '../errors.js';
import { FieldReader } from './fields.js';
import { readYamlFile, shownPath } from './yaml.js';

export interface Named {
  name: string;
  default?: boolean;
}

export class NamedTable<T extends Named> {
  private entries?: T[];

  constructor(
    /** The file, e.g. formulas/training/optimizers.yaml. */
    private readonly file: string,
    /** The mapping of entries at the top of the file, e.g. optimizers. */
    private readonly key: string,
    /** The flag or field that names an entry, for messages (--optimizer). */
    readonly flag: string,
    private readonly read: (r: FieldReader, name: string, raw: unknown) => T,
    /** Fields allowed at the top of the file besides `key`. */
    private readonly topFields: string[] = [],
    private readonly needsDefault = true,
  ) {}

  all(): T[] {
    if (this.entries) return this.entries;
    const r = new FieldReader(shownPath(this.file));
    const top = r.object(readYamlFile(this.file), [this.key, ...this.topFields], [this.key]);
    const out = Object.entries(r.at(this.key).map(top[this.key])).map(([name, raw]) => {
      r.at(this.key).at(name).slug(name);
      return this.read(r.at(this.key).at(name), name, raw);
    });
    if (out.length === 0) r.at(this.key).fail('declare at least one entry');
    if (this.needsDefault && out.filter((e) => e.default).length !== 1) r.at(this.key).fail('exactly one entry must have default: true');
    this.entries = out;
    return out;
  }

  names(): string[] {
    return this.all().map((e) => e.name);
  }

  /** The named entry, or the default when no name is given. */
  get(name: string | undefined): T {
    const list = this.all();
    if (name === undefined) {
      const d = list.find((e) => e.default);
      if (d) return d;
      throw new UserError(`${this.flag}: required; allowed: ${this.names().join(', ')}`);
    }
    const hit = list.find((e) => e.name === name);
    if (hit) return hit;
    throw new UserError(`${this.flag}: unknown '${name}'${didYouMean(name, this.names())}; allowed: ${this.names().join(', ')}`);
  }
}
