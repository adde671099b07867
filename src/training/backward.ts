// The backward pass derived from the forward matmuls declared in formulas/, not assumed: for
// Y = A @ W with A: [m, n] and W: [n, p], the gradient of each operand that needs one is one
// more matmul of the same 2·m·n·p FLOPs,
//   dA = dY @ Wᵀ : [m, p] @ [p, n]        dW = Aᵀ @ dY : [n, m] @ [m, p].
// So backward = 2 × forward exactly when every operand needs its gradient; a matmul that
// declares `no_grad` is an exception, named in the output.

import { Poly } from '../algebra/poly.js';
import type { Architecture, Component, Matmul } from '../formulas/architecture.js';

export interface BackwardProduct {
  matmul: Matmul;
  component: Component;
  /** Which operand's gradient it computes. */
  operand: 'left' | 'right';
  /** input, weight, or (both operands activations) left operand / right operand. */
  name: string;
  what: string;
  left: [Poly, Poly];
  right: [Poly, Poly];
  /** Per occurrence of the component, for the whole batch: the forward matmul's FLOPs. */
  flops: Poly;
}

/** An operand is an activation when its shape involves the sequence length. */
function isActivation(dims: [Poly, Poly], seq: string | undefined): boolean {
  return seq !== undefined && dims.some((d) => d.symbols().has(seq));
}

export function backwardProducts(arch: Architecture, seq: string | undefined): BackwardProduct[] {
  return arch.components.flatMap((c) =>
    c.matmuls.flatMap((m) => {
      const [mm, n] = m.left;
      const p = m.right[1];
      const leftAct = isActivation(m.left, seq);
      const rightAct = isActivation(m.right, seq);
      const name = (side: 'left' | 'right') => {
        if (leftAct && !rightAct) return side === 'left' ? 'input' : 'weight';
        if (rightAct && !leftAct) return side === 'right' ? 'input' : 'weight';
        return `${side} operand`;
      };
      const out: BackwardProduct[] = [];
      if (!m.noGrad.includes('left'))
        out.push({ matmul: m, component: c, operand: 'left', name: name('left'), what: `gradient of the left operand: dY · (right)ᵀ`, left: [mm, p], right: [p, n], flops: m.flops });
      if (!m.noGrad.includes('right'))
        out.push({ matmul: m, component: c, operand: 'right', name: name('right'), what: `gradient of the right operand: (left)ᵀ · dY`, left: [n, mm], right: [mm, p], flops: m.flops });
      return out;
    }),
  );
}

/** Matmuls whose backward skips an operand's gradient (so backward ≠ 2 × forward for them). */
export function backwardExceptions(arch: Architecture): Matmul[] {
  return arch.components.flatMap((c) => c.matmuls.filter((m) => m.noGrad.length > 0));
}

export const sumPolys = (ps: Poly[]) => ps.reduce((a, b) => a.add(b), Poly.ZERO);
