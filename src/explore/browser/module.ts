// node:module for the browser bundle: the engine loads mathjs's pre-bundled file through
// createRequire (see src/algebra/mathjs.ts); here that file is bundled in and handed back.
// @ts-expect-error: the UMD bundle has no types of its own (mathjs's are for the package entry).
import mathjs from 'mathjs/lib/browser/math.js';

export function createRequire(_from: string | URL): (id: string) => unknown {
  return (id: string) => {
    if (id === 'mathjs/lib/browser/math.js') return mathjs;
    throw new Error(`the browser bundle has no module ${id}`);
  };
}
