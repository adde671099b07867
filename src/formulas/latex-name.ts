// The `latex:` of a symbol in a formula file is copied into every formula lmledger prints as
// LaTeX (the .tex write-up, KaTeX in HTML, $…$ in Markdown), so it must be a name and nothing
// else: TeX is a programming language, and \input{/etc/passwd}, \write18{…}, \def or \catcode in
// a data file would run when the .tex is compiled. A name is letters, digits, sub- and
// superscripts, braces and a few characters of notation, with only the commands listed here
// (font switches for words in subscripts, Greek letters, \ell and \prime).

const FONTS = ['text', 'mathrm', 'mathit', 'mathbf', 'mathsf', 'mathtt', 'mathcal'];
const GREEK = String.raw`alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi
  varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi
  Omega`.split(/\s+/);
export const LATEX_NAME_COMMANDS: readonly string[] = [...FONTS, ...GREEK, 'ell', 'prime'];
const ALLOWED = new Set(LATEX_NAME_COMMANDS);

/** Longest name accepted: a symbol, not a paragraph. */
export const MAX_LATEX_NAME = 64;

/** Why `latex` is not a safe LaTeX name, or undefined when it is. */
export function latexNameProblem(latex: string): string | undefined {
  if (latex.length > MAX_LATEX_NAME) return `is ${latex.length} characters long; a name has at most ${MAX_LATEX_NAME}`;
  let depth = 0;
  for (let i = 0; i < latex.length; i++) {
    const c = latex[i]!;
    if (c === '\\') {
      const name = /^[A-Za-z]+/.exec(latex.slice(i + 1))?.[0];
      if (!name) return `'\\${latex[i + 1] ?? ''}' is not allowed; a name may use only the commands ${commandList()}`;
      if (!ALLOWED.has(name)) return `the command \\${name} is not allowed in a name; allowed: ${commandList()}`;
      if (FONTS.includes(name) && latex[i + 1 + name.length] !== '{') return `\\${name} must be followed by its argument in braces, as in \\${name}{ff}`;
      // \text{} sets its argument as text, where commands and scripts mean something else.
      if (name === 'text') {
        const body = /^\{([^{}]*)\}/.exec(latex.slice(i + 1 + name.length))?.[1];
        if (body === undefined || !/^[A-Za-z0-9 ,.'()+\-=/*]*$/.test(body)) return `\\text{…} may hold only letters, digits and plain punctuation, as in \\text{pos}`;
      }
      i += name.length;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      if (--depth < 0) return "has a '}' without its '{'";
    } else if (c === '_' || c === '^') {
      const next = latex[i + 1];
      if (latex[i - 1] === ' ') return `'${c}' must follow its base directly, without a space`;
      if (next === undefined || !/[A-Za-z0-9\\{]/.test(next)) return `'${c}' must be followed by what it sets as a ${c === '_' ? 'subscript' : 'superscript'}`;
    } else if (c === "'") {
      // A prime is a superscript of what it follows, written right after it.
      if (!/[A-Za-z0-9}']/.test(latex[i - 1] ?? '')) return "a prime (') must follow a letter, digit or group directly, as in h'";
    } else if (!/[A-Za-z0-9 .,()+\-=/*]/.test(c))
      return `the character ${JSON.stringify(c)} is not allowed in a name (letters, digits, _ ^ { } ' . , ( ) + - = / * and the commands ${commandList()})`;
  }
  if (depth !== 0) return "has a '{' without its '}'";
  return doubleScript(latex);
}

/** TeX and KaTeX refuse a second subscript (or superscript) on one base: d_a_b, d^{2}^{3}. */
function doubleScript(latex: string): string | undefined {
  // The end of the argument of a script that starts at i: one character, a command, or a group.
  const argumentEnd = (i: number): number => {
    while (latex[i] === ' ') i++;
    if (latex[i] === '\\') return i + 1 + (/^[A-Za-z]+/.exec(latex.slice(i + 1))?.[0].length ?? 1);
    if (latex[i] !== '{') return i + 1;
    for (let depth = 0; i < latex.length; i++) {
      if (latex[i] === '{') depth++;
      else if (latex[i] === '}' && --depth === 0) return i + 1;
    }
    return i;
  };
  for (let i = 0; i < latex.length; i++) {
    if (latex[i] !== '_' && latex[i] !== '^') continue;
    const seen = new Set([latex[i]]);
    let j = argumentEnd(i + 1);
    for (;;) {
      while (latex[j] === ' ') j++;
      // A prime is a superscript too: d^2' is a double superscript.
      const c = latex[j] === "'" ? '^' : latex[j];
      if (c !== '_' && c !== '^') break;
      if (seen.has(c)) return latex[j] === "'" ? 'has a prime after a superscript (write d\'^{2}, not d^{2}\')' : `has a second ${c === '_' ? 'subscript' : 'superscript'} on one base (write d_{ab}, not d_a_b)`;
      seen.add(c);
      j = latex[j] === "'" ? j + 1 : argumentEnd(j + 1);
    }
    // Go on from the next character, not past the chain: a group argument may hold scripts of its
    // own (^{^a'} has a double superscript inside). A chain seen again from a later script is a
    // part of one already checked, so nothing is refused twice for no reason.
  }
  return undefined;
}

function commandList(): string {
  return `${FONTS.map((f) => `\\${f}`).join(', ')}, Greek letters (\\alpha … \\Omega), \\ell, \\prime`;
}
