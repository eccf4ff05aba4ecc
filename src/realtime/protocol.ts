// The WebSocket protocol as the OpenAPI document tells it: frames, close codes and the reconnect recipe.
// The list of server events is generated from EVENT_DOCS, which the compiler keeps in step with the
// ServerEvent union; a test keeps the README's list in step with both.
import { SERVER_EVENT_TYPES, type ServerEventType } from '../core/events.js';
import { TYPING_EXPIRES_MS, TYPING_RELAY_INTERVAL_MS } from './typing.js';

/** What each server event carries and when it comes: one entry per member of the ServerEvent union. */
export const EVENT_DOCS: Record<ServerEventType, string> = {
  'message.created':
    'a message as `GET …/messages/:id` shows it to you; your own carry your `clientMessageId` so the ' +
    'sending device can swap its local copy. It also means its sender has read everything up to it, ' +
    'with no separate receipt (but when it passes messages of yours their device never acknowledged, some ' +
    'may have been withheld from them by a block: take their read state from `…/changes`).',
  'message.updated':
    'a message that was edited or whose reactions changed, whole, as `GET …/messages/:id` shows it to you ' +
    '(your own `me` in `reactions`), to everyone who may see it: replace your copy.',
  'message.deleted': '`{ conversationId, messageId, seq, deletedBy, scope }`.',
  'receipt.updated':
    '`{ conversationId, userId, lastDeliveredMessageId, lastReadMessageId, deliveredAt, readAt, ' +
    "withheldMessageIds }`: a member's markers moved; recompute the ticks of your messages, leaving that " +
    'member out for the ones in `withheldMessageIds` (sent while they had blocked you: they stay `sent`). ' +
    "Sent to the member's own devices and to the other members whose messages the markers passed (in a " +
    'direct chat, and after a move past more than 1,000 messages, to every member): the ticks of no one ' +
    'else changed.',
  'conversation.created':
    'the new conversation with its participants, to each of them; and to you alone, a direct chat you had ' +
    'deleted for yourself and started again (it is back in your list).',
  'conversation.updated': 'its new title, description or photo, to its members.',
  'conversation.deleted':
    '`{ conversationId, deletedFor }`: a group its owner deleted (`everyone`), or a direct chat you ' +
    'deleted on another device (`me`).',
  'participant.added': '`{ conversationId, userId, role, addedBy }`, to the members and the newcomer.',
  'participant.updated':
    "`{ conversationId, userId, role, updatedBy }`: a member's role changed (promoted, demoted, or " +
    'made owner when the owner left).',
  'participant.removed':
    '`{ conversationId, userId, removedBy }`, to the members and the one who left or was removed.',
  typing:
    `\`{ conversationId, userId, expiresInMs }\`: show "typing…" and hide it by yourself after ` +
    `\`expiresInMs\` (${TYPING_EXPIRES_MS} ms) unless another \`typing\` arrives. There is no "stopped typing" frame.`,
  presence:
    '`{ userId, online, lastSeenAt }`: sent to the people who share a conversation with that user when ' +
    'their first socket opens (on any server process) and when their last one closes (`lastSeenAt` is ' +
    'then stored on the profile).',
  'settings.updated':
    '`{ conversationId, settings: { pinned, archived, mutedUntil } }`: you changed your settings for a chat ' +
    '(the whole new `settings`, as the list shows them: pinning may have unarchived it and archiving ' +
    'unpinned it), to all your sockets; nobody else is told.',
  'user.blocked':
    '`{ user, blockedAt }`, as `GET /users/me/blocked` lists it: you blocked someone, to all your sockets. ' +
    'The blocked person is not told.',
  'user.unblocked': '`{ userId }`: you unblocked someone, to all your sockets. They are not told.',
  'privacy.updated':
    '`{ lastSeen, profilePhoto, readReceipts, groupAdd }`: you changed your privacy settings (all four, ' +
    'as `GET /users/me/privacy` shows them), to all your sockets.',
};

const SERVER_EVENT_LINES = SERVER_EVENT_TYPES.map((type) => `- \`${type}\`: ${EVENT_DOCS[type]}`).join('\n');

export const WS_PROTOCOL_DESCRIPTION = `
Upgrade this URL to a WebSocket (\`ws://host/api/v1/ws\`). A plain HTTP request answers 426.

**Authenticate** with the access token from login, either in the query (\`?token=…\`) or, for clients
that would rather keep it out of URLs and logs, as the first frame \`{ "type": "auth", "token": "…" }\`
within 5 seconds (\`WS_AUTH_TIMEOUT\`). The token gets the same full check as a bearer header (signature,
expiry, live session, active account). On success the server sends one \`presence\` frame per contact
who is online right now, then \`{ "type": "ready", "data": { "userId", "heartbeatMs" } }\`. An open socket is not closed when its access token later expires; it is
closed when its session ends (logout, password reset or change, account deletion).

**Frames** are JSON text \`{ "type", "data" }\`, at most 64 KB each.

Server → client (every event the server raises, one per line):
${SERVER_EVENT_LINES}
- \`pong\` (answer to \`ping\`, echoing its \`data\`), \`error\` \`{ code, message, frameType }\` (the socket
  stays open).
- \`resync\` \`{ reason }\`: events meant for this socket may have been lost (the server's link to the other
  processes, Redis, was interrupted and is back). Run steps 2–3 of the reconnect recipe on this socket;
  it stays open.

Client → server:
- \`{ "type": "typing", "data": { "conversationId" } }\`: relayed to the other current members; at most
  one relay per ${TYPING_RELAY_INTERVAL_MS / 1000} s per socket and conversation, extra frames are dropped silently
  (send one every ~3 s while the user types). \`NOT_FOUND\` error for a conversation you are not in.
- \`{ "type": "ack", "data": { "messageId", "conversationId"? } }\`: the message (and everything before
  it) reached this device; moves your delivered marker, the sender gets \`receipt.updated\`.
- \`{ "type": "ping", "data": {…} }\`: answered with \`pong\`.
- Malformed JSON, an unknown \`type\` or a missing field is answered with an \`error\` frame
  (\`BAD_FRAME\`, \`UNKNOWN_TYPE\`, \`VALIDATION_FAILED\`, \`NOT_FOUND\`, \`RATE_LIMITED\`).

**Close codes**: \`4401\` bad, expired or revoked token, or the session ended (the reason says which;
log in or refresh, then reconnect); \`4408\` no auth frame in time; \`4409\` this was the user's oldest
socket and a 21st opened (at most 20 per user, counted across processes with Redis: do not reconnect
automatically); \`4429\` the client read too slowly (over 1 MB waiting), or more than
\`WS_UNAUTHENTICATED_PER_IP\` (20) sockets from one address were waiting for their auth frame (back off, then reconnect); \`1009\` frame too large;
\`1001\` the server is shutting down: reconnect (after a short pause, to whichever process answers) and
catch up.
The server pings every 30 s (\`WS_HEARTBEAT_INTERVAL\`) and drops a socket that missed the previous ping.

**Several processes**: with \`REDIS_URL\` set, an event raised on any process reaches your sockets on
every process, and presence counts sockets on all of them. If a process dies without closing its
sockets, its users are announced offline about three heartbeats later.

**Reconnect recipe** (nothing is lost across a disconnect):
1. Keep, per conversation, the \`syncCursor\` you last saw (from \`GET /api/v1/conversations\` or from the
   last \`…/changes\` answer).
2. Open the socket first (so nothing that happens during the catch-up is missed), then
   \`GET /api/v1/conversations\` and compare each conversation's \`syncCursor\` with yours.
3. For each one that differs, \`GET /api/v1/conversations/:id/changes?since=<your cursor>\`: new messages,
   deletions (as tombstones: \`deleted: true\`, content null), the ids of messages you deleted for yourself
   on another device (\`hiddenMessageIds\`) and everyone's read/delivered markers since then, in one request (follow \`nextCursor\` only if a page was not enough). Store the answer's
   \`syncCursor\`. Apply events that arrive on the socket meanwhile too: applying a change twice is harmless
   (items are keyed by message id).
4. Conversations that are new to you simply appear in the list; ones you left or that were deleted are gone.
   Your settings for each chat come with the list (archived chats with \`?archived=true\`); your block
   list and privacy settings with \`GET /api/v1/users/me/blocked\` and \`GET /api/v1/users/me/privacy\`.
5. On a \`resync\` frame, run steps 2–3 again without reconnecting. Every message the server acknowledged
   reaches an open socket as an event (sent again after a crash, so it may arrive twice) or through the
   catch-up a \`resync\` asks for.
`.trim();
