// A document that exercises every block and inline kind, the characters each format must
// escape, Unicode that pdflatex has no glyph for, and both chart kinds.
import { lineScene, sharesScene } from '../../src/chart/layout.js';
import { code, displayMath, heading, math, para, strong, text, type Doc, type Inline } from '../../src/doc/model.js';

export const HOSTILE = 'Tricky <script>alert("x")</script> & 100% of d_model | pipes, $5, #3, ~tilde, ^caret, \\backslash, {braces}';
export const UNICODE = 'Unicode: 4 × 10⁹ FLOPs, d² · h, f ≠ 4d → 3d², 2³⁰ bytes, θ, café, naïve — and 🙂 and 中';

/** Every math item of the sample, in document order (inline and display). */
export const MATH = {
  inline: ['L(4d^{2} + 3df + 2d) + 2dV + d', '2 T d V', '\\frac{d}{h}'],
  single: 'N = L\\left(4 d^{2} + 3 d f + 2 d\\right) + 2 d V + d',
  aligned: 'N &= L(4d^{2} + 3df + 2d) + 2dV + d \\\\ C &= L(4T^{2}d + 8Td^{2} + 6Tdf) + 2TdV',
};

export function sampleDoc(): Doc {
  const cell = (s: string): Inline[] => [text(s)];
  return {
    title: 'Sample ledger: <b>params</b> & FLOPs',
    subtitle: 'gpt2-xl-swiglu, T = 1,024 (100% exact)',
    blocks: [
      heading(1, 'Parameters & memory'),
      para(text('The parameter count is '), math(MATH.inline[0]!), text('; the head costs '), math(MATH.inline[1]!), text(' FLOPs.')),
      para(text(HOSTILE)),
      para(text(UNICODE)),
      para(text('Run '), code('lmledger account --seq-len 2048 | head'), text(' and read '), strong('the total'), text(' with head size '), math(MATH.inline[2]!), text('.')),
      displayMath(MATH.single),
      heading(2, 'Totals', 'totals'),
      displayMath(MATH.aligned),
      { kind: 'list', items: [[text('# not a heading')], [text('1. not a number'), text(' and '), code('a`b')]] },
      {
        kind: 'table',
        caption: 'Parameters | per component',
        columns: [{ header: [text('component')] }, { header: [text('formula')] }, { header: [text('total')], align: 'right' }, { header: [text('share')], align: 'right' }],
        rows: [
          [cell('attention'), [math('4d^{2}')], cell('491,520,000'), cell('23.11%')],
          [cell('ffn | SwiGLU'), [math('3df')], cell('1,474,560,000'), cell('69.32%')],
          [cell('embedding_ & head'), [math('\\lvert V \\rvert d')], cell('160,822,400'), cell('7.56%')],
        ],
      },
      heading(3, 'Charts'),
      {
        kind: 'figure',
        name: 'param-shares',
        caption: 'Where the parameters go <by model>',
        chart: sharesScene({
          title: 'Parameter shares',
          categories: ['gpt2-small', 'gpt2-medium', 'gpt2-large', 'gpt2-xl'],
          series: [
            { name: 'embedding + head', values: [38.6, 25.8, 16.6, 7.6] },
            { name: 'attention', values: [28.3, 33.9, 37.7, 23.1] },
            { name: 'ffn', values: [33.1, 40.3, 45.7, 69.3] },
          ],
        }),
      },
      {
        kind: 'figure',
        name: 'flops-vs-T',
        caption: 'FLOPs per token against context length',
        chart: lineScene({
          title: 'Forward FLOPs per token',
          xLabel: 'context length T',
          yLabel: 'FLOPs per token',
          logX: true,
          logY: true,
          series: [
            { name: 'attention scores', points: [[128, 2.6e7], [1024, 2.1e8], [8192, 1.7e9], [65536, 1.3e10]] },
            { name: 'dense matmuls', points: [[128, 4.4e9], [1024, 4.4e9], [8192, 4.4e9], [65536, 4.4e9]] },
          ],
          markers: [{ x: 21000, label: 'crossover T ≈ 21k' }],
        }),
      },
    ],
  };
}

/** How many math items (inline and display) a document has: each becomes one .katex element. */
export function countMath(doc: Doc): { inline: number; display: number } {
  const inInlines = (content: Inline[]) => content.filter((i) => i.kind === 'math').length;
  let inline = 0;
  let display = 0;
  for (const b of doc.blocks) {
    if (b.kind === 'math') display++;
    if (b.kind === 'heading' && b.content) inline += inInlines(b.content);
    if (b.kind === 'paragraph') inline += inInlines(b.content);
    if (b.kind === 'list') for (const item of b.items) inline += inInlines(item);
    if (b.kind === 'table') for (const cells of [b.columns.map((c) => c.header), ...b.rows]) for (const c of cells) inline += inInlines(c);
  }
  return { inline, display };
}
