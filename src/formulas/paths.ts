// Where the data lives: formulas/ at the package root (the same depth from src/ and from dist/).
import { fileURLToPath } from 'node:url';

export const FORMULAS_DIR = fileURLToPath(new URL('../../formulas/', import.meta.url));
