// The explorer as one self-contained HTML file: the bundled page script (dist/explore/app.js,
// built by npm run build), every file of formulas/ as JSON for the engine's in-memory loader,
// KaTeX's stylesheet with its fonts as data: URIs, and a Content-Security-Policy that admits
// exactly these inline script and styles (by their SHA-256) and nothing from anywhere else.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '../errors.js';
import { katexCss } from '../doc/html.js';
import { FORMULAS_DIR } from '../formulas/paths.js';
import { VERSION } from '../version.js';
import { EXPLORER_STYLE } from './style.js';

/** Found from the package root, as formulas/ is (so a bundled CLI finds it too). */
const SCRIPT = join(FORMULAS_DIR, '..', 'dist', 'explore', 'app.js');

/** formulas/ file by file, as the paths the page's loader finds them under (formulas/presets/gpt2.yaml). */
function formulaFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) out[`formulas/${relative(FORMULAS_DIR, path).split('\\').join('/')}`] = readFileSync(path, 'utf8');
    }
  };
  walk(FORMULAS_DIR);
  // version.ts reads the version from package.json.
  out['package.json'] = JSON.stringify({ name: 'lmledger', version: VERSION });
  return out;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Text inside <script>: an end tag or comment opener in the bundle would end or confuse the element. */
function scriptText(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '\\x3C!--');
}

export function explorerPage(): string {
  if (!existsSync(SCRIPT)) throw new UserError(`explore: the page script ${SCRIPT} is missing; build it with npm run build`);
  const script = scriptText(readFileSync(SCRIPT, 'utf8'));
  // JSON in a data block: only "<" could end it early, and \u003c reads back as "<".
  const files = JSON.stringify(formulaFiles()).replace(/</g, '\\u003c');
  const styles = [katexCss(), EXPLORER_STYLE];
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${styles.map(sha256).join(' ')}`,
    'font-src data:',
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>lmledger explorer</title>
${styles.map((s) => `<style>${s}</style>`).join('\n')}
</head>
<body>
<main id="app"><p>lmledger explorer: loading the engine…</p><noscript>This page computes everything with its own script; it needs JavaScript (nothing is fetched).</noscript></main>
<script type="application/json" id="lmledger-files">${files}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** The policy the page carries, for a server to send as a header too. */
export function pagePolicy(html: string): string {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? "default-src 'none'";
}
