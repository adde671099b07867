// The package's root directory (where package.json and formulas/ are). This file sits one level
// below the root both as dist/root.js (tsc) and inlined in the bundle dist/cli-bundle.cjs (esbuild), so
// every path to the package's own files is taken from here and stays right in both builds.
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));
