// Where the data lives: formulas/ at the package root.
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../root.js';

export const FORMULAS_DIR = join(PACKAGE_ROOT, 'formulas') + '/';
