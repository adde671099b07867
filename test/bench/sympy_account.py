#!/usr/bin/env python3
# The reference job for lmledger's start-up benchmark (issue 13): what `lmledger account
# gpt2-xl-swiglu --json` does at its core, written in SymPy as a user would: build the parameter
# and forward matmul FLOP formulas of the seed's model from its components, simplify both, and
# evaluate them exactly at GPT-2 XL's values. test/bench/run.mjs times it as a cold process.
import json

from sympy import Integer, expand, factor_terms, simplify, symbols

L, d, f, h, V, T = symbols("L d f h V T", positive=True, integer=True)

# Parameters per component (RMSNorm, bias-free MHA, SwiGLU, untied embeddings).
params = {
    "embedding": d * V,
    "attention_norm": L * d,
    "attention": L * 4 * d * d,
    "ffn_norm": L * d,
    "ffn": L * 3 * d * f,
    "final_norm": d,
    "lm_head": d * V,
}
# Forward matmul FLOPs, 2·m·n·p per product; scores and weighted sum once per head.
flops = {
    "attention.qkvo": L * 4 * 2 * T * d * d,
    "attention.scores": L * h * 2 * T * (d / h) * T,
    "attention.weighted_sum": L * h * 2 * T * T * (d / h),
    "ffn": L * 3 * 2 * T * d * f,
    "lm_head": 2 * T * d * V,
}
P = factor_terms(simplify(sum(params.values())))
F = factor_terms(simplify(sum(flops.values())))
xl = {L: 48, d: 1600, f: 6400, h: 25, V: 50257, T: 1024}
out = {
    "params": {"formula": str(P), "total": int(expand(P).subs(xl)), "components": {k: int(v.subs(xl)) for k, v in params.items()}},
    "flops": {"formula": str(F), "total": int(expand(F).subs(xl)), "components": {k: int(v.subs(xl)) for k, v in flops.items()}},
}

print(json.dumps(out, indent=2))
