// The one use of `process` the bundled engine makes: the working directory, against which file
// names in messages are shown (formulas/architectures/decoder.yaml rather than the whole path).
import { ROOT } from './files.js';

export const process = { cwd: () => ROOT.replace(/\/$/, ''), env: {} as Record<string, string | undefined> };
