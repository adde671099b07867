// Small DOM helpers for the explorer: elements built node by node (no HTML strings with style
// attributes, which the page's Content-Security-Policy refuses), and KaTeX into an element.
import katex from 'katex';

type Attrs = Record<string, string | number | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) e.append(c);
  return e;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`no element #${id}`);
  return e as T;
}

/** Rendered formulas by their LaTeX: an edit of a value leaves the formulas as they were, so most are reused. */
const rendered = new Map<string, HTMLElement>();

/**
 * KaTeX renders into the element through the DOM (its inline styles are set as properties, which
 * the CSP allows); a formula rendered before is cloned instead.
 */
export function tex(target: HTMLElement, latex: string, display = false): void {
  const key = `${display ? 'D' : 'I'}${latex}`;
  let done = rendered.get(key);
  if (!done) {
    done = document.createElement('span');
    katex.render(latex, done, { displayMode: display, throwOnError: false, strict: 'ignore' });
    if (rendered.size > 2000) rendered.clear();
    rendered.set(key, done);
  }
  target.replaceChildren(...[...done.cloneNode(true).childNodes]);
}

export function texNode(latex: string, display = false): HTMLElement {
  const span = el('span');
  tex(span, latex, display);
  return span;
}

/** Copies text: the Clipboard API where the page may use it, else a selected textarea and execCommand. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el('textarea', { class: 'offscreen', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
