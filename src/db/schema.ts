// The whole database: tables, indexes and constraints. Migrations are generated from this file.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const seqColumn = (name: string) => bigint(name, { mode: 'number' });

/**
 * One global, gap-tolerant counter stamped on every message change (create, delete) and on every
 * read/delivered marker move. A reconnecting client asks for "changes after N" and gets deletions and
 * receipts too, not only new messages.
 */
export const changeSeq = pgSequence('change_seq');
const changeId = (name: string) => seqColumn(name).notNull().default(sql`nextval('change_seq')`);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    phone: text('phone'),
    about: text('about'),
    isVerified: boolean('is_verified').notNull().default(false),
    /** Storage key of the profile photo (two sizes are derived from it), or null. */
    profileImage: text('profile_image'),
    lastSeenAt: ts('last_seen_at'),
    deactivatedAt: ts('deactivated_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    /** Privacy settings (rules in core/privacy.ts): who may see the last seen and online status, the photo. */
    privacyLastSeen: text('privacy_last_seen', { enum: ['everyone', 'contacts', 'nobody'] })
      .notNull()
      .default('everyone'),
    privacyProfilePhoto: text('privacy_profile_photo', { enum: ['everyone', 'contacts', 'nobody'] })
      .notNull()
      .default('everyone'),
    /** False: no read receipts either way in direct chats. */
    privacyReadReceipts: boolean('privacy_read_receipts').notNull().default(true),
    /** Who may add the user to a group: anyone, or only contacts (people they share a direct chat with). */
    privacyGroupAdd: text('privacy_group_add', { enum: ['everyone', 'contacts'] })
      .notNull()
      .default('everyone'),
  },
  (t) => [
    check('users_privacy_last_seen_check', sql`${t.privacyLastSeen} in ('everyone', 'contacts', 'nobody')`),
    check(
      'users_privacy_profile_photo_check',
      sql`${t.privacyProfilePhoto} in ('everyone', 'contacts', 'nobody')`,
    ),
    check('users_privacy_group_add_check', sql`${t.privacyGroupAdd} in ('everyone', 'contacts')`),
    // Emails are stored lower-cased; text_pattern_ops makes "starts with" searches use the index.
    uniqueIndex('users_email_key').on(t.email),
    index('users_email_prefix_idx').on(t.email.op('text_pattern_ops')),
    index('users_first_name_prefix_idx').on(sql`lower(${t.firstName}) text_pattern_ops`),
    index('users_last_name_prefix_idx').on(sql`lower(${t.lastName}) text_pattern_ops`),
  ],
);

/** A login on one device. Access tokens name their session, so revoking it stops them at once. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Opaque refresh tokens, kept only as hashes. A spent one presented again revokes its session. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [index('refresh_tokens_session_idx').on(t.sessionId)],
);

/** Single-use tokens sent by mail: account verification and password recovery. Stored hashed. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify_email', 'reset_password'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [
    uniqueIndex('account_tokens_hash_key').on(t.tokenHash),
    index('account_tokens_user_idx').on(t.userId, t.purpose),
  ],
);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey(),
    type: text('type', { enum: ['direct', 'group'] }).notNull(),
    title: text('title'),
    description: text('description'),
    /** Storage key of the group photo, or null. */
    image: text('image'),
    /** "<smaller user id>:<larger user id>" for direct chats: the unique index makes one per pair. */
    directKey: text('direct_key'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    /** The last message sequence number handed out; bumped under this row's lock. */
    lastSeq: seqColumn('last_seq').notNull().default(0),
    lastMessageAt: ts('last_message_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
    /** Current members (participants without left_at), counted on join and leave under this row's lock. */
    participantCount: integer('participant_count').notNull().default(0),
    /**
     * The largest change id stamped in the conversation (a message's change_id, a member's
     * marker_change_id): its sync cursor. Raised by every write that stamps one, in the same transaction
     * and under this row's lock (core/change-ids.ts), so the inbox and /changes read it instead of
     * scanning the messages and members.
     */
    lastChangeId: seqColumn('last_change_id').notNull().default(0),
  },
  (t) => [
    uniqueIndex('conversations_direct_key').on(t.directKey),
    check('conversations_type_check', sql`${t.type} in ('direct', 'group')`),
  ],
);

/** Current membership and per-member read state (one row per member, not one per message). */
export const participants = pgTable(
  'participants',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'admin', 'member'] })
      .notNull()
      .default('member'),
    /** Start of the current (or last) membership period. */
    joinedAt: ts('joined_at').notNull().defaultNow(),
    /** Null while a member; set when they leave or are removed. */
    leftAt: ts('left_at'),
    readSeq: seqColumn('read_seq').notNull().default(0),
    readAt: ts('read_at'),
    deliveredSeq: seqColumn('delivered_seq').notNull().default(0),
    deliveredAt: ts('delivered_at'),
    /** Stamped from change_seq whenever a marker moves, so reconnecting clients can find receipt changes. */
    markerChangeId: changeId('marker_change_id'),
    /** Direct chats "deleted for me": hidden from my list until a message with a higher seq arrives. */
    hiddenAtSeq: seqColumn('hidden_at_seq'),
    /**
     * The member's inbox row, kept up to date by every write that changes it (see core/inbox-rows.ts), so
     * the inbox reads it instead of counting: messages unread by the member, and the seq of the newest
     * message they may see (null: none).
     */
    unreadCount: integer('unread_count').notNull().default(0),
    lastVisibleSeq: seqColumn('last_visible_seq'),
    /** The member's own settings for the chat. Pinned chats come first in the inbox, newest pin first. */
    pinnedAt: ts('pinned_at'),
    /** Archived chats leave the default inbox; a new message does not bring them back. */
    archivedAt: ts('archived_at'),
    /** Muted until then ('infinity': forever); null or past: not muted. */
    mutedUntil: ts('muted_until'),
    /**
     * The conversation's last activity (its last message's time, else its creation), copied here on write
     * like the unread count (see core/inbox-rows.ts), so the inbox's order is an index of my memberships.
     */
    activityAt: ts('activity_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    // My current memberships in the inbox's order, by list (archived or not): pinned first, newest pin
    // first, then by activity. A page of either list is the first rows of its part of this index from the
    // cursor on, not a sort of all my memberships; and it serves every other lookup of a user's current
    // memberships. The archived flag is an expression the queries repeat exactly (with IS TRUE / IS FALSE,
    // which the planner does not rewrite into `archived_at IS NULL`).
    index('participants_inbox_idx')
      .on(
        t.userId,
        sql`(${t.archivedAt} is not null)`,
        sql`coalesce(${t.pinnedAt}, '-infinity'::timestamptz)`,
        t.activityAt,
        t.conversationId,
      )
      .where(sql`${t.leftAt} is null`),
  ],
);

/**
 * Membership periods: a member sees message seq s in a conversation when some period has
 * after_seq < s and (until_seq is null or s <= until_seq). This is the history-visibility rule.
 */
export const membershipPeriods = pgTable(
  'membership_periods',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    afterSeq: seqColumn('after_seq').notNull(),
    untilSeq: seqColumn('until_seq'),
    joinedAt: ts('joined_at').notNull().defaultNow(),
    leftAt: ts('left_at'),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId, t.afterSeq] })],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Position in the conversation: total, gap-free, assigned in the inserting transaction. */
    seq: seqColumn('seq').notNull(),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id),
    /** Null once deleted for everyone: the content is erased, the row stays as a tombstone. */
    content: text('content'),
    clientMessageId: text('client_message_id'),
    replyToId: uuid('reply_to_id'),
    /** 0 for an original message; n for a copy forwarded n hops from the original. */
    forwardedCount: integer('forwarded_count').notNull().default(0),
    originalSentAt: ts('original_sent_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    editedAt: ts('edited_at'),
    deletedAt: ts('deleted_at'),
    deletedBy: uuid('deleted_by'),
    changeId: changeId('change_id'),
    /**
     * How many attachments the message carries (0 once deleted for everyone): pages of plain text skip
     * the attachment lookup, and the inbox can say "photo" for a message without a caption.
     */
    attachmentCount: integer('attachment_count').notNull().default(0),
    // search_vector (tsvector, generated from content) and its GIN index messages_search_idx are made by
    // the hand-written migration 0006_search_text: they need SQL functions drizzle cannot describe, and
    // leaving them out here keeps every `select()` of messages from fetching the vector.
  },
  (t) => [
    uniqueIndex('messages_conversation_seq_key').on(t.conversationId, t.seq),
    uniqueIndex('messages_client_id_key').on(t.conversationId, t.senderId, t.clientMessageId),
    index('messages_conversation_change_idx').on(t.conversationId, t.changeId),
    // Message search walks a conversation newest first with it when a word is common (see
    // modules/search/queries.ts); the GIN index serves rare words.
    index('messages_conversation_created_idx').on(t.conversationId, t.createdAt, t.id),
  ],
);

/**
 * "Delete for me": the message stays for everyone else. `withheld` marks a message that never reached
 * the user because they had blocked its sender (written with the message): unlike a hide, it is not
 * announced to the user's devices and the sender's ticks never count them.
 */
export const messageHides = pgTable(
  'message_hides',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** The hider's marker change id at hiding time: their other devices learn of it through /changes. */
    changeId: changeId('change_id'),
    withheld: boolean('withheld').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.messageId] }),
    // What was withheld from a user, for the read states their blocked sender gets (a few rows per user,
    // where their hides may be many).
    index('message_hides_withheld_idx').on(t.userId).where(sql`${t.withheld}`),
  ],
);

/** Who blocked whom. Either direction keeps the two apart (core/blocks.ts). */
export const userBlocks = pgTable(
  'user_blocks',
  {
    blockerId: uuid('blocker_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blockedId: uuid('blocked_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.blockerId, t.blockedId] }),
    index('user_blocks_blocked_idx').on(t.blockedId),
    check('user_blocks_not_self_check', sql`${t.blockerId} <> ${t.blockedId}`),
  ],
);

/**
 * Reactions: one emoji per member per message (a new one replaces the old). They stay when the member
 * leaves, as their messages do; deleting the message for everyone removes them.
 */
export const messageReactions = pgTable(
  'message_reactions',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    emoji: text('emoji').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId] })],
);

export const invites = pgTable(
  'invites',
  {
    id: uuid('id').primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    maxUses: integer('max_uses'),
    uses: integer('uses').notNull().default(0),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('invites_code_key').on(t.code), index('invites_conversation_idx').on(t.conversationId)],
);

/**
 * The transactional outbox (docs/decisions/0010): a row per event of a committed write that is not yet
 * known to have gone out, written in the same transaction as the write. The process that made the write
 * deletes it once the event is published; the relay in every process publishes (and deletes) what a
 * crash or a failed publish left behind. Rows name the message; the event is rebuilt from it when sent.
 * No foreign key: a row whose message is gone (its conversation deleted) is simply dropped.
 */
export const eventOutbox = pgTable(
  'event_outbox',
  {
    messageId: uuid('message_id').notNull(),
    /**
     * 'message.created', 'message.updated' (an edit or a reaction: one row however many, the relay sends
     * the message as it is then) or 'message.deleted' (a delete for everyone).
     */
    event: text('event').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.event] })],
);

/**
 * An uploaded file. It belongs to the conversation it was uploaded to; messages reference it through
 * message_attachments (a forward adds a reference, never a copy of the bytes). `usedAt` is set when its
 * uploader first puts it in a message; one never used is swept after a day. The bytes live in the media
 * storage under `storageKey` (and `storageKey`.thumb for an image's thumbnail).
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    uploaderId: uuid('uploader_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['image', 'audio', 'video', 'file'] }).notNull(),
    mimeType: text('mime_type').notNull(),
    /** Stored bytes (an image's re-encoded size). */
    size: bigint('size', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    width: integer('width'),
    height: integer('height'),
    durationMs: integer('duration_ms'),
    storageKey: text('storage_key').notNull(),
    hasThumbnail: boolean('has_thumbnail').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    usedAt: ts('used_at'),
  },
  (t) => [
    uniqueIndex('attachments_storage_key').on(t.storageKey),
    // The sweeper's scan: uploads still waiting for their message, oldest first.
    index('attachments_unused_idx').on(t.createdAt).where(sql`${t.usedAt} is null`),
    check('attachments_kind_check', sql`${t.kind} in ('image', 'audio', 'video', 'file')`),
  ],
);

/** Which attachments a message carries, in order. */
export const messageAttachments = pgTable(
  'message_attachments',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    attachmentId: uuid('attachment_id')
      .notNull()
      .references(() => attachments.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.position] }),
    // Download checks and "is it still referenced" look messages up by attachment.
    index('message_attachments_attachment_idx').on(t.attachmentId),
  ],
);

/**
 * A device's Web Push channel (the browser's PushSubscription). The endpoint is unique: a browser that
 * registers again (or whose next account logs in) updates its one row. It belongs to the login that
 * registered it: once that session ends (logout, password change, deactivation) nothing is pushed to it.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    /** The browser's P-256 public key and auth secret (base64url): payloads are encrypted to them. */
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('push_subscriptions_endpoint_key').on(t.endpoint),
    index('push_subscriptions_user_idx').on(t.userId),
  ],
);

/**
 * One push of one message to one subscription: the unique key makes it happen at most once however many
 * processes look at it; a claim (claimed_until) keeps two processes from sending it at the same time, and
 * a process that died mid-send leaves a claim that lapses, so the push is retried.
 */
export const pushDeliveries = pgTable(
  'push_deliveries',
  {
    id: uuid('id').primaryKey(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => pushSubscriptions.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    /** The notification JSON (encrypted for the subscription only when sent). */
    payload: text('payload').notNull(),
    /** pending, sent, failed (given up), or dropped (the message was deleted for everyone first). */
    status: text('status', { enum: ['pending', 'sent', 'failed', 'dropped'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    claimedUntil: ts('claimed_until'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    uniqueIndex('push_deliveries_subscription_message_key').on(t.subscriptionId, t.messageId),
    index('push_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('push_deliveries_message_idx').on(t.messageId),
    check('push_deliveries_status_check', sql`${t.status} in ('pending', 'sent', 'failed', 'dropped')`),
  ],
);
