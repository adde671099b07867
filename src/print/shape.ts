// Shapes of tensors and matrix multiplies as a reader writes them: [1024 × 1600] · [1600 × 1600].
// Dimensions are separated by ×, operands by ·, and a dimension is never digit-grouped (a comma
// inside a shape would read as one more dimension). In LaTeX the whole product is one braced
// group, so TeX (and KaTeX) cannot break a line inside it at the × or ·.

/** One dimension as text: 1024, d/h. */
export type Dim = bigint | string;

const dimText = (d: Dim) => (typeof d === 'bigint' ? d.toString() : d);

/** [1024 × 1600] */
export function shapeText(dims: readonly Dim[]): string {
  return `[${dims.map(dimText).join(' × ')}]`;
}

/** [1024 × 1600] · [1600 × 1600] */
export function productText(left: readonly Dim[], right: readonly Dim[]): string {
  return `${shapeText(left)} · ${shapeText(right)}`;
}

/** [1024 \times 1600]: dimensions already in LaTeX (numbers or formulas). */
export function shapeLatex(dims: readonly string[]): string {
  return `[${dims.join(' \\times ')}]`;
}

/** {[T \times d] \cdot [d \times f]}: one unbreakable group. */
export function productLatex(left: readonly string[], right: readonly string[]): string {
  return `{${shapeLatex(left)} \\cdot ${shapeLatex(right)}}`;
}

/** Numeric dimensions for LaTeX: plain digits, no grouping. */
export const numberDims = (dims: readonly bigint[]): string[] => dims.map((d) => d.toString());
