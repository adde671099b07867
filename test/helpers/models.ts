// Building models for tests through the same path the CLI uses.
import { account, type Account } from '../../src/ledger/account.js';
import { resolveModel, type ModelRequest } from '../../src/model/spec.js';

export function accountOf(req: ModelRequest): Account {
  return account(resolveModel(req));
}

/** The seed's config names, as numbers, to flag text. */
export function fields(config: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)]));
}
