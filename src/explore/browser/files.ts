// The in-memory source of formulas/ in the browser: the page embeds every file of formulas/ (and
// the package version) as JSON in <script type="application/json" id="lmledger-files">, written
// by `lmledger explore` from the files the CLI reads. The loaders' node:fs calls are served from
// here (see fs.ts), so the same loading and validation code runs on the page.

/** Absolute path -> file text. Paths are under ROOT, as the engine computes them from its module URLs. */
// The first of the page's modules to run: the benchmark times the engine's start from here.
if (typeof performance !== 'undefined') performance.mark('lmledger-script');

export const FILES = new Map<string, string>();
export const ROOT = '/lmledger/';

const embedded = typeof document === 'undefined' ? null : document.getElementById('lmledger-files');
if (embedded?.textContent) {
  const files = JSON.parse(embedded.textContent) as Record<string, string>;
  for (const [path, text] of Object.entries(files)) FILES.set(ROOT + path, text);
}

/** Directories implied by the files' paths. */
export function isDirectory(path: string): boolean {
  const dir = path.endsWith('/') ? path : `${path}/`;
  for (const p of FILES.keys()) if (p.startsWith(dir)) return true;
  return false;
}
