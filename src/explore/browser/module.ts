// node:module for the browser bundle: the engine loads mathjs's pre-bundled file through
// createRequire (see src/algebra/mathjs.ts); here esbuild bundles that file and this require()
// evaluates it on first use only, as in the CLI: mathjs takes most of a second to start in a
// browser, and only the derivative needs it.

export function createRequire(_from: string | URL): (id: string) => unknown {
  return (id: string) => {
    if (id === 'mathjs/lib/browser/math.js') return require('mathjs/lib/browser/math.js');
    throw new Error(`the browser bundle has no module ${id}`);
  };
}
