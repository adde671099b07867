// Accelerators as data: formulas/hardware/*.yaml, one file per vendor, each device with its
// memory, bandwidth and dense peak per dtype written as the vendor prints them ("80 GB",
// "3.35 TB/s", "989.4 TFLOP/s"), parsed exactly, and the document each number comes from.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Rational } from '../algebra/rational.js';
import { UserError, didYouMean } from '../errors.js';
import { parseQuantity, QuantityError, type Dimension } from '../units/quantity.js';
import { FieldReader } from './fields.js';
import { FORMULAS_DIR } from './paths.js';
import { readYamlFile, shownPath } from './yaml.js';

export const PEAK_DTYPES = ['fp32', 'tf32', 'bf16', 'fp16', 'fp8', 'int8'] as const;
export type PeakDtype = (typeof PEAK_DTYPES)[number];

export interface Accelerator {
  name: string;
  title: string;
  family: string;
  /** Device memory in bytes, and as the vendor wrote it ("80 GB", "32 GiB"). */
  memory: Rational;
  memoryText: string;
  /** Memory bandwidth, bytes per second. */
  bandwidth: Rational;
  bandwidthText: string;
  /** Dense peak per dtype, FLOP/s (OP/s for int8). */
  peak: Partial<Record<PeakDtype, Rational>>;
  peakText: Partial<Record<PeakDtype, string>>;
  source: string;
  file: string;
}

const DIR = join(FORMULAS_DIR, 'hardware');
let all: Accelerator[] | undefined;

function quantity(r: FieldReader, v: unknown, dim: Dimension): { value: Rational; text: string } {
  const text = r.string(v);
  try {
    const value = parseQuantity(text, dim);
    if (value.sign() <= 0) r.fail(`'${text}' must be positive`);
    return { value, text };
  } catch (e) {
    if (e instanceof QuantityError) r.fail(e.message);
    throw e;
  }
}

export function accelerators(): Accelerator[] {
  if (all) return all;
  const out: Accelerator[] = [];
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.yaml')).sort()) {
    const file = join(DIR, f);
    const r = new FieldReader(shownPath(file));
    const top = r.object(readYamlFile(file), ['family', 'source', 'devices'], ['family', 'source', 'devices']);
    const family = r.at('family').slug(top.family);
    r.at('source').string(top.source);
    for (const [name, raw] of Object.entries(r.at('devices').map(top.devices))) {
      const d = r.at('devices').at(name);
      d.slug(name);
      if (out.some((a) => a.name === name)) d.fail(`also defined in ${out.find((a) => a.name === name)!.file}`);
      const o = d.object(raw, ['title', 'memory', 'bandwidth', 'peak', 'source'], ['title', 'memory', 'bandwidth', 'peak', 'source']);
      const memory = quantity(d.at('memory'), o.memory, 'bytes');
      const bandwidth = quantity(d.at('bandwidth'), o.bandwidth, 'bytes/s');
      const peak: Accelerator['peak'] = {};
      const peakText: Accelerator['peakText'] = {};
      const po = d.at('peak').object(o.peak, PEAK_DTYPES);
      for (const [dtype, v] of Object.entries(po)) {
        const q = quantity(d.at('peak').at(dtype), v, 'FLOP/s');
        peak[dtype as PeakDtype] = q.value;
        peakText[dtype as PeakDtype] = q.text;
      }
      if (Object.keys(peak).length === 0) d.at('peak').fail('give the dense peak of at least one dtype');
      out.push({
        name,
        title: d.at('title').string(o.title),
        family,
        memory: memory.value,
        memoryText: memory.text,
        bandwidth: bandwidth.value,
        bandwidthText: bandwidth.text,
        peak,
        peakText,
        source: d.at('source').string(o.source),
        file: shownPath(file),
      });
    }
  }
  all = out;
  return out;
}

export function accelerator(name: string): Accelerator {
  const list = accelerators();
  const hit = list.find((a) => a.name === name);
  if (hit) return hit;
  const names = list.map((a) => a.name);
  throw new UserError(`--hardware: unknown accelerator '${name}'${didYouMean(name, names)}; allowed: ${names.join(', ')} (see 'lmledger hardware')`);
}
