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

/** KaTeX renders into the element through the DOM (its inline styles are set as properties, which the CSP allows). */
export function tex(target: HTMLElement, latex: string, display = false): void {
  katex.render(latex, target, { displayMode: display, throwOnError: false, strict: 'ignore' });
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
