// Single-use tokens mailed to users (verification, password recovery): random, stored only as hashes.

import type { Executor } from '../../db/client.js';
import { Gone, NotFound } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { randomToken, sha256 } from '../../lib/secrets.js';
import { retireAccountTokens } from '../users/account-queries.js';
import {
  type AccountTokenPurpose,
  insertAccountToken,
  lockAccountToken,
  markAccountTokenUsed,
} from './queries.js';

const HOUR = 3_600_000;
export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 24 * HOUR,
  reset_password: HOUR,
};

/** A new token for the user; earlier unused tokens of the same purpose stop working. */
export async function issueAccountToken(
  db: Executor,
  userId: string,
  purpose: AccountTokenPurpose,
): Promise<string> {
  const token = randomToken();
  await retireAccountTokens(db, userId, purpose);
  await insertAccountToken(db, {
    id: uuidv7(),
    userId,
    purpose,
    tokenHash: sha256(token),
    expiresAt: new Date(Date.now() + ACCOUNT_TOKEN_TTL_MS[purpose]),
  });
  return token;
}

/**
 * The token's row while it can still be spent. Unknown tokens are 404; used or expired ones 410, so a
 * client can tell "ask for a new link" from "this link is wrong".
 */
async function spendableToken(db: Executor, token: string, purpose: AccountTokenPurpose) {
  const row = await lockAccountToken(db, sha256(token), purpose);
  if (!row || row.userDeactivatedAt) throw new NotFound('This link is not valid');
  if (row.usedAt) throw new Gone('This link has already been used; ask for a new one');
  if (row.expiresAt.getTime() <= Date.now()) throw new Gone('This link has expired; ask for a new one');
  return row;
}

/** Checks the token without spending it: lets a caller refuse a bad link before any costly work. */
export async function assertAccountTokenSpendable(
  db: Executor,
  token: string,
  purpose: AccountTokenPurpose,
): Promise<void> {
  await spendableToken(db, token, purpose);
}

/** Spends the token inside the caller's transaction (checked again there) and returns its user. */
export async function consumeAccountToken(
  tx: Executor,
  token: string,
  purpose: AccountTokenPurpose,
): Promise<{ userId: string }> {
  const row = await spendableToken(tx, token, purpose);
  await markAccountTokenUsed(tx, row.id);
  return { userId: row.userId };
}
