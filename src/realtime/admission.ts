// What a socket needs before it is admitted, in one statement: that its session is live (the check
// authenticateToken makes, modules/auth/access-tokens.ts) and its user's presence peers (core/privacy.ts),
// which the socket needs anyway to start with the full presence picture. A handshake costs one round trip
// instead of two, and the handshakes of a burst (a fleet reconnecting after a deploy) share it.
import { sql } from 'drizzle-orm';
import type { AppContext, AuthIdentity } from '../context.js';
import {
  type PresencePeerRow,
  type PresencePeers,
  presencePeersOf,
  presencePeersQuery,
} from '../core/privacy.js';
import { GroupCommit } from '../db/group-commit.js';
import { namedStatement, preparedPerDatabase, runNamed } from '../db/prepared.js';
import { AppError } from '../lib/errors.js';
import { confirmSession, liveSessionPairsSql, verifyAccessToken } from '../modules/auth/access-tokens.js';

/** One row per live pair and peer (a live pair without peers: one row, its peer columns null). */
const admissionStatement = preparedPerDatabase((db) =>
  namedStatement(
    sql`select k.sid, k.uid, s.expires_at, pr.id, pr.hears, pr.shown
      from ${liveSessionPairsSql(sql.placeholder('sessionIds'), sql.placeholder('userIds'))}
      left join lateral ${presencePeersQuery(db, (owner) => sql`${owner} = k.uid`)} pr on true`,
    'socket_admission',
  ),
);

interface AdmissionRow {
  sid: string;
  uid: string;
  expires_at: Date;
  id: string | null;
  hears: boolean | null;
  shown: boolean | null;
}

interface Admission {
  /** When the session expires; null when it has ended (or its user is deactivated). */
  expiresAt: Date | null;
  peers: PresencePeers;
}

/** Sockets per statement: a reconnecting fleet's burst fits in a few. */
const MAX_ADMISSIONS = 200;

const admissionsFor = preparedPerDatabase(
  (db) =>
    new GroupCommit<AuthIdentity, Admission>(async (batch) => {
      const pairs = new Map(
        batch.map((identity) => [pairKey(identity.sessionId, identity.userId), identity]),
      );
      const { rows } = await runNamed<AdmissionRow>(db, admissionStatement(db), {
        sessionIds: [...pairs.values()].map((pair) => pair.sessionId),
        userIds: [...pairs.values()].map((pair) => pair.userId),
      });
      const live = new Map<string, Date>();
      const peerRows: PresencePeerRow[] = [];
      for (const row of rows) {
        live.set(pairKey(row.sid, row.uid), row.expires_at);
        if (row.id !== null) {
          peerRows.push({ self: row.uid, id: row.id, hears: row.hears === true, shown: row.shown === true });
        }
      }
      const peers = presencePeersOf(
        batch.map((identity) => identity.userId),
        peerRows,
      );
      return batch.map((identity, n) => ({
        expiresAt: live.get(pairKey(identity.sessionId, identity.userId)) ?? null,
        peers: peers[n]!,
      }));
    }, MAX_ADMISSIONS),
);

const pairKey = (a: string, b: string) => `${a}\n${b}`;

/**
 * The full check of a socket's token (signature, expiry, live session, active user), always asking the
 * database, since the socket needs its presence peers from it anyway; a live session is remembered in the
 * session cache as on the HTTP path. Throws Unauthenticated as authenticateToken does. When the database
 * cannot answer, a session this process knows to be live is still admitted, without its presence picture
 * (presence is a nicety; the socket's events do not depend on it), as an HTTP request with it would be.
 */
export async function authenticateSocket(
  ctx: Pick<AppContext, 'config' | 'jwtKey' | 'db' | 'sessions' | 'log'>,
  token: string,
): Promise<{ identity: AuthIdentity; peers: PresencePeers }> {
  const identity = await verifyAccessToken(ctx, token);
  const cached = ctx.sessions.isLive(identity.sessionId, identity.userId);
  try {
    const { peers } = await confirmSession(ctx, identity, () => admissionsFor(ctx.db).submit(identity));
    return { identity, peers };
  } catch (error) {
    if (!cached || error instanceof AppError) throw error;
    ctx.log.warn({ err: error, userId: identity.userId }, 'could not read presence for a new socket');
    return { identity, peers: { audience: [], visible: [] } };
  }
}
