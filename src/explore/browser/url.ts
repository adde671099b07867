// node:url for the browser bundle: file: URLs to paths (the engine finds formulas/ from its module URL).
export function fileURLToPath(u: string | URL): string {
  const url = typeof u === 'string' ? new URL(u) : u;
  if (url.protocol !== 'file:') throw new TypeError(`not a file: URL: ${url.href}`);
  return decodeURIComponent(url.pathname);
}

export function pathToFileURL(path: string): URL {
  return new URL(`file://${encodeURI(path)}`);
}
