// lmledger hardware: the accelerators of formulas/hardware, with memory, bandwidth and the dense
// peak of each dtype as the vendor prints them, and the document each comes from.

import type { Command } from 'commander';
import { Rational } from '../algebra/rational.js';
import { accelerators, PEAK_DTYPES } from '../formulas/hardware.js';
import { ratio, toJson } from '../print/json.js';
import { decimal, gibibytes, gigabytes } from '../print/numbers.js';
import { table } from '../print/table.js';
import { print } from './output.js';

const T = Rational.of(10n ** 12n);

export function registerHardware(program: Command): void {
  program
    .command('hardware')
    .description('list the accelerators (formulas/hardware): memory, bandwidth and dense peak FLOP/s per dtype, with sources')
    .option('--json', 'as JSON (bytes, bytes/s and FLOP/s as numbers; memory in whole bytes)')
    .option('--sources', 'print the source of every number')
    .action((opts: { json?: boolean; sources?: boolean }) => {
      const all = accelerators();
      if (opts.json) {
        print(toJson(hardwareJson()));
        return;
      }
      const dtypes = PEAK_DTYPES.filter((d) => all.some((a) => a.peak[d]));
      const out = [
        'Accelerators: dense peak TFLOP/s (TOP/s for int8) per dtype, memory and bandwidth as the vendor prints them',
        table(
          [{ header: 'name' }, { header: 'memory' }, { header: 'GB', align: 'right' }, { header: 'GiB', align: 'right' }, { header: 'bandwidth' }, ...dtypes.map((d) => ({ header: d, align: 'right' as const }))],
          all.map((a) => [
            a.name,
            a.memoryText,
            gigabytes(a.memory.toBigInt()),
            gibibytes(a.memory.toBigInt()),
            a.bandwidthText,
            ...dtypes.map((d) => (a.peak[d] ? decimal(a.peak[d]!.div(T), 1) : '—')),
          ]),
        ),
        '  use: lmledger train … --hardware NAME [--dtype DTYPE] [--devices N]; the files are formulas/hardware/*.yaml',
      ];
      if (opts.sources) for (const a of all) out.push('', `${a.name} (${a.title}): ${a.source}`);
      else out.push("  --sources prints the document behind every number");
      print(out.join('\n'));
    });
}

/** The document `hardware --json` prints (and the library's hardware() returns). */
export function hardwareJson(): Array<Record<string, unknown>> {
  return accelerators().map((a) => ({
    name: a.name,
    title: a.title,
    family: a.family,
    memory_bytes: a.memory.toBigInt(),
    memory: a.memoryText,
    bandwidth_bytes_per_s: ratio(a.bandwidth),
    peak_flops: Object.fromEntries(Object.entries(a.peak).map(([k, v]) => [k, ratio(v)])),
    source: a.source,
  }));
}
