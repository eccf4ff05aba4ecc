// Generated from the server's OpenAPI document by `npm run sdk:generate`. Do not edit by hand.

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is alive */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every dependency answers; 503 naming the one that does not
         * @description Checks the database and, when REDIS_URL is set, Redis (both connections of the event bus). 503 with `Retry-After` while any is down or while the server is shutting down.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics (text exposition format)
         * @description With METRICS_TOKEN set, send it as `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise); without it, open in development and 404 in production.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account and send its verification mail
         * @description The verification mail is sent before the answer; if the mail server is down the account is still created (the failure is logged) and the user can ask for a new mail with /verify-account/resend.
         */
        post: operations["signup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange email and password for a token pair
         * @description An unknown email and a wrong password get the same 401 INVALID_CREDENTIALS. After LOGIN_FAILURE_LIMIT failures for one email from one client address within 15 minutes the route answers 429 for that email from that address, and after LOGIN_FAILURE_ACCOUNT_LIMIT failures for one email from all addresses together, 429 for that email from anywhere.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new token pair (the old refresh token is spent)
         * @description Each refresh token works once. Presenting a spent one again revokes its whole session (401). An expired refresh token is 401 TOKEN_EXPIRED: log in again.
         */
        post: operations["refreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session: its access and refresh tokens stop working at once */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify the account with the token from the verification mail
         * @description Tokens work once and for 24 hours: unknown is 404, used or expired is 410 GONE.
         */
        post: operations["verifyAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-account/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a new verification mail (earlier links stop working)
         * @description An account that is already verified gets 409 CONFLICT. At most 5 mails per account per hour; 503 UNAVAILABLE when the mail server cannot be reached.
         */
        post: operations["resendVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/recovery-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a password reset link (the same answer whether or not the account exists)
         * @description At most 5 recovery requests per email address per hour from one client address (then 429), and at most 20 recovery mails per email address per hour in all (past that the answer is the same, but no mail goes out). The link works once, for 1 hour.
         */
        post: operations["requestPasswordRecovery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/recovery-password/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Set a new password with the token from the recovery mail; every session is logged out
         * @description Tokens work once and for 1 hour: unknown is 404, used or expired is 410 GONE.
         */
        patch: operations["resetPassword"];
        trace?: never;
    };
    "/api/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My own profile */
        get: operations["getMe"];
        put?: never;
        post?: never;
        /**
         * Deactivate my account: every token stops working and login is refused
         * @description A wrong password is 401 INVALID_CREDENTIALS. The account leaves its groups (an owner hands each on, as when leaving) and its open sockets close. The email address stays reserved.
         */
        delete: operations["deactivateMe"];
        options?: never;
        head?: never;
        /** Change my first name, last name, phone or about; other fields are ignored */
        patch: operations["updateMe"];
        trace?: never;
    };
    "/api/v1/users/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change my password; every other session is logged out, this one keeps working
         * @description A wrong currentPassword is 401 INVALID_CREDENTIALS: the session is fine (only UNAUTHENTICATED and TOKEN_EXPIRED mean it is not).
         */
        put: operations["changePassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find people by name prefix or exact email address (public profiles, ordered by name)
         * @description A search with an @ matches a whole email address only, never part of one. An empty search is 422. Each user may search USER_SEARCH_RATE_LIMIT times a minute (then 429).
         */
        get: operations["searchUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Someone's public profile (404 for unknown or deactivated accounts) */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/privacy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My privacy settings */
        get: operations["getPrivacy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change my privacy settings (only the fields sent change; an unknown value is 422)
         * @description A contact is someone I share a direct chat with. `lastSeen` decides who sees my online status and last seen: everyone I share a conversation with, contacts only, or nobody; never anyone either of us blocked. `profilePhoto` decides who sees my photo wherever my profile is shown (nobody across a block). `readReceipts: false` turns read receipts off both ways in direct chats: others do not see that I read their messages and I do not see that they read mine (delivered still shows); groups keep them. `groupAdd: contacts`: anyone else gets 403 when adding me to a group; invite links still work. Unlike WhatsApp, hiding my last seen does not hide the others' from me. All my sockets (my other devices) get `privacy.updated` with the new settings.
         */
        patch: operations["updatePrivacy"];
        trace?: never;
    };
    "/api/v1/users/me/blocked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The people I blocked, latest block first */
        get: operations["listBlockedUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{userId}/block": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Block someone (blocking again changes nothing)
         * @description They can no longer start a direct chat with me or add me to a group (403). What they send in our direct chat stays `sent` for them and never reaches me: not in history, events, unread counts, sync or notifications, not even after I unblock. I cannot send in that chat until I unblock (403 `BLOCKED`). Neither of us sees the other's online status, last seen, typing or photo. In groups we share, messages still reach both of us, as in WhatsApp. Blocking myself is 422; an unknown user 404. All my sockets (my other devices) get `user.blocked`; the blocked person is not told.
         */
        put: operations["blockUser"];
        post?: never;
        /**
         * Unblock someone; what they sent while blocked is not delivered
         * @description All my sockets (my other devices) get `user.unblocked` when there was a block to end; the other person is not told. Their messages from while they were blocked stay `sent` for them: `withheldMessageIds` in my read state as they see it names them, so their clients do not count me for those.
         */
        delete: operations["unblockUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My conversations: pinned first, then newest activity first
         * @description Each entry carries the last message I may see, my unread count, my settings for the chat and, for direct chats, the other person. Direct chats I deleted for myself are left out until a new message arrives. Archived chats are left out unless `archived=true`, which lists only them; a new message does not unarchive a chat. Pinned chats come first, the latest pinned first.
         */
        get: operations["listConversations"];
        put?: never;
        /**
         * Start a direct chat or create a group, with its members, in one request
         * @description Direct: `participantIds` names exactly one other user; if the pair already has a chat it is returned with 200 (and shown again if you had deleted it for yourself); a title is ignored. Group: `title` is required; you become its owner and the others members. Unknown or deactivated users fail with 422 listing their ids, and nothing is created.
         */
        post: operations["createConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One conversation with its participants
         * @description Answers 404 to anyone who is not a member, whether or not the conversation exists.
         */
        get: operations["getConversation"];
        put?: never;
        post?: never;
        /**
         * Delete a group for everyone (owner), or hide a direct chat for yourself
         * @description A hidden direct chat comes back to your list when a new message arrives or when you start it again. Answers 404 to anyone who is not a member, whether or not the conversation exists.
         */
        delete: operations["deleteConversation"];
        options?: never;
        head?: never;
        /**
         * Rename a group or change its description (group owner and admins)
         * @description Direct chats have no title: 403. Answers 404 to anyone who is not a member, whether or not the conversation exists.
         */
        patch: operations["updateConversation"];
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Pin, archive or mute a chat for myself
         * @description Only my own view of the chat changes. At most 5 chats are pinned: a sixth is 409 CONFLICT. Archiving unpins the chat and pinning unarchives it, so `pinned: true` with `archived: true` is 422. `mutedUntil` is a time in the future (a past one is 422), "forever", or null to unmute; a mute that has run out reads as null. All my sockets (my other devices) get `settings.updated` with the new settings; nobody else is told. Answers 404 to anyone who is not a member, whether or not the conversation exists.
         */
        patch: operations["updateChatSettings"];
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Current members with their role and when they joined, oldest membership first
         * @description Answers 404 to anyone who is not a member, whether or not the conversation exists.
         */
        get: operations["listParticipants"];
        put?: never;
        /**
         * Add a member to a group (group owner and admins)
         * @description Their history starts now: they see no message sent before this moment. Adding someone who already is a member changes nothing and answers 200; a new member answers 201. Unknown or deactivated users are 404; direct chats have no members to manage (403). Answers 404 to anyone who is not a member, whether or not the conversation exists.
         */
        post: operations["addParticipant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/participants/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member (group owner and admins), or leave (your own id)
         * @description Admins remove members; only the owner removes admins; nobody removes the owner. Anyone may leave. An owner who leaves hands the group to the longest-standing admin, else the longest-standing member; when the last member leaves, the group is deleted. Removed members keep no access: every route answers them 404. Answers 404 to anyone who is not a member, whether or not the conversation exists.
         */
        delete: operations["removeParticipant"];
        options?: never;
        head?: never;
        /**
         * Make a member an admin or an admin a member (group owner and admins)
         * @description Admins promote members; only the owner demotes another admin (an admin may step down); nobody changes the owner's role. Ownership passes only when the owner leaves. Answers 404 to anyone who is not a member, whether or not the conversation exists.
         */
        patch: operations["updateParticipantRole"];
        trace?: never;
    };
    "/api/v1/users/me/profile-image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set my profile photo
         * @description Multipart field `image`: JPEG, PNG or WebP, at most 5 MB, at most 40 megapixels. It is re-encoded to WebP without metadata (no EXIF/GPS): a 640 px version (longer side, aspect kept) and a 160 px square thumbnail. The previous photo is deleted.
         */
        put: operations["setProfileImage"];
        post?: never;
        /** Remove my profile photo */
        delete: operations["deleteProfileImage"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the group photo (group admins)
         * @description Same rules as the profile photo. Members receive `conversation.updated`. A plain member gets 403, a non-member 404, a direct conversation 422.
         */
        put: operations["setConversationImage"];
        post?: never;
        /** Remove the group photo (group admins) */
        delete: operations["deleteConversationImage"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a photo, voice note, video or file to a conversation
         * @description Multipart field `file`, at most ATTACHMENT_MAX_BYTES (default 25 MB; larger is 413 and nothing is kept). The type is read from the bytes, never from the name: JPEG, PNG, WebP, GIF and HEIC (where this server decodes it) are `image`, re-encoded without metadata (at most 4096 px, 40 megapixels), with a 320 px WebP thumbnail; Ogg/Opus, WebM, MP4/AAC and MP3 are `audio` (with durationMs when the container says), MP4 and WebM with a video track are `video`; anything else is a `file`, served as a download. A file whose name or declared type says image but whose bytes are not a readable image is 422. Members only (others 404). Put the id in a message (attachmentIds) within ATTACHMENT_UNUSED_TTL (default 24 h) or it is removed; until then only you can download it.
         */
        post: operations["uploadAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An attachment’s bytes
         * @description Use the `url` / `thumbnailUrl` of the attachment as given (signed for you, valid ATTACHMENT_URL_TTL), or send the bearer token. Allowed while a message carrying it is one you may see now (history visibility; gone when deleted for everyone, or for you), or while it is your own unused upload; else 404, as for a bad or expired signature. `Range: bytes=…` answers 206 (416 past the end). Images, audio and video are `inline`, other files `attachment` (Content-Disposition with the name); X-Content-Type-Options: nosniff; Cache-Control is private.
         */
        get: operations["downloadAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attachments/{attachmentId}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An image attachment’s thumbnail (WebP)
         * @description Use the `url` / `thumbnailUrl` of the attachment as given (signed for you, valid ATTACHMENT_URL_TTL), or send the bearer token. Allowed while a message carrying it is one you may see now (history visibility; gone when deleted for everyone, or for you), or while it is your own unused upload; else 404, as for a bad or expired signature. `Range: bytes=…` answers 206 (416 past the end). Images, audio and video are `inline`, other files `attachment` (Content-Disposition with the name); X-Content-Type-Options: nosniff; Cache-Control is private.
         */
        get: operations["downloadAttachmentThumbnail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The group's live invite links (group admins)
         * @description Links that are not revoked, not expired and not used up; newest first.
         */
        get: operations["listInvites"];
        put?: never;
        /**
         * Create an invite link (group admins)
         * @description `expiresAt` defaults to, and may not be later than, now + INVITE_MAX_TTL (30 days unless set). `maxUses` 1 to 100000, or absent/null for no limit. A plain member gets 403, a non-member 404, a direct conversation 422.
         */
        post: operations["createInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/invites/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an invite link (group admins)
         * @description The link answers 410 from then on. Revoking twice is harmless.
         */
        delete: operations["revokeInvite"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invites/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Preview the group behind an invite link
         * @description Any logged-in user. Unknown code 404; expired, revoked or used-up link (or deleted group) 410 GONE, except for someone already in the group, who always gets the preview.
         */
        get: operations["previewInvite"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invites/{code}/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join the group behind an invite link
         * @description 201 with the conversation when the caller joins: they see messages from this moment on, and the members receive `participant.added`. 200 when they already are a member (no use is spent). Expired, revoked or used-up links are 410 GONE.
         */
        post: operations["joinByInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A photo file (WebP)
         * @description Names come from `profileImage` / `image` urls and carry 144 random bits, so they are not guessable; files never change under a name, hence the immutable cache header.
         */
        get: operations["getMediaFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Messages you may see, newest first
         * @description Only messages sent while you were a member. Without a cursor: the newest page; pass nextCursor as `before` for older ones. With `after`: the messages right after that cursor (still newest first within the page); pass nextCursor as `after` again until it is null. Fetching marks the newest fetched message delivered to you.
         */
        get: operations["listMessages"];
        put?: never;
        /**
         * Send a message
         * @description 201 with the new message. With a clientMessageId you already used in this conversation, 200 with the first message instead: retries never create a copy. Sending marks the conversation read for you up to your message.
         */
        post: operations["sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/messages/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One message */
        get: operations["getMessage"];
        put?: never;
        post?: never;
        /**
         * Delete a message for everyone, or hide it for me (scope=me)
         * @description For everyone: its sender within MESSAGE_DELETE_WINDOW (default 48 h) of sending, or a group admin or owner at any time; the content is erased and a tombstone (deleted: true, content: null) keeps its place. For me: any member; the message disappears from your views only. Deleting twice is harmless.
         */
        delete: operations["deleteMessage"];
        options?: never;
        head?: never;
        /**
         * Edit the text of your message
         * @description Its sender only (others: 403 `NOT_SENDER`), within MESSAGE_EDIT_WINDOW (default 15 min) of sending (after: 403 `EDIT_WINDOW_PASSED`). A message deleted for everyone or a forwarded copy cannot be edited (409 `CONFLICT`). A message you may not see is 404. Sets `editedAt`; every member who may see the message gets `message.updated`, `/changes` returns it again, and search, reply previews and the conversation list show the new text. Saving the same text again changes nothing.
         */
        patch: operations["editMessage"];
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/messages/{messageId}/reaction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * React to a message (one emoji per member; a new one replaces yours)
         * @description Any member who may see the message; a message you may not see (not a member, sent before you joined, hidden for you, deleted for everyone) is 404. Answers the message as you see it; every member who may see it gets `message.updated` and `/changes` returns it again. Reacting with the emoji you already chose changes nothing.
         */
        put: operations["setReaction"];
        post?: never;
        /**
         * Remove your reaction from a message
         * @description Removing when you have none is harmless. Answers the message as you see it; a message you may not see is 404.
         */
        delete: operations["removeReaction"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/messages/{messageId}/forward": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Forward a message to 1 to 5 conversations
         * @description All targets are checked first (you must see the message and be a member of each target), then every copy is written in one transaction. Each copy carries forwarded: { count, originalSentAt }; count grows by one per hop, and 5 or more reads as "forwarded many times". A deleted message cannot be forwarded (422).
         */
        post: operations["forwardMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/messages/{messageId}/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who received and read a message
         * @description Over the other members whose membership covers the message; `at` is when that member last moved their delivered or read marker. The sender never appears.
         */
        get: operations["getMessageReceipts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark the conversation read up to a message
         * @description The read marker only moves forward; reading also marks delivered. Raises receipt.updated.
         */
        post: operations["markConversationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversationId}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything that changed since a sync cursor (reconnect sync)
         * @description Recipe after a disconnect: GET /conversations; for each conversation whose syncCursor differs from the one you stored, call this with since=<stored cursor>, then again with since=nextCursor until nextCursor is null, and store the last syncCursor. items are the messages you may see that were created, edited, reacted to or deleted (as tombstones) since then, oldest change first (replace your copy by id); hiddenMessageIds are messages you deleted for yourself on another device; readStates are every member's current read state (read and delivered markers). Without `since`: no items, just the current syncCursor and readStates, a starting point.
         */
        get: operations["listChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find messages by their words, newest first
         * @description Across all your conversations, or one (`conversationId`). Finds only what you may read now: conversations you belong to, messages sent while you were a member, not deleted for everyone, not deleted for you; edited messages by their current text. Words are split and compared as PostgreSQL's "simple" text-search parser does (no stemming, so Spanish and English read alike; a run of letters in a script without spaces, such as Chinese, counts as one word). A query of only punctuation or symbols finds nothing. An empty (or blank) query or one over 200 characters is 422. Each user may search MESSAGE_SEARCH_RATE_LIMIT times a minute (then 429).
         */
        get: operations["searchMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The server's VAPID public key
         * @description Pass it as `applicationServerKey` to `PushManager.subscribe`. It stays the same across restarts (VAPID_PUBLIC_KEY, or generated once and kept in DATA_DIR).
         */
        get: operations["getPushKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My devices' push subscriptions
         * @description Only the caller's own, most recently registered first (at most 10).
         */
        get: operations["listPushSubscriptions"];
        put?: never;
        /**
         * Register this device's Web Push subscription
         * @description A message to a member with no open socket (on any server process) is pushed to each of their devices, unless they sent it, hid it, muted the chat or blocked the sender; nothing is pushed to a device whose login has ended. The payload, encrypted for the device (aes128gcm), is JSON `{ type: "message", conversationId, messageId, title, body }`: `title` is the sender's name in a direct chat and the group's title in a group; `body` is the text cut to 120 characters (in a group, after the sender's first name and a colon; an attachment without a caption shows as "📷 Photo", "🎤 Voice message", "🎥 Video" or "📄 File"). Pushes go out after the message is saved and never delay the send; a push service that answers 5xx, 429 or not at all is tried again with growing waits (5 tries), and a subscription it answers 404 or 410 for is removed.
         *
         *     Send `PushSubscription.toJSON()` (its `expirationTime` is ignored). 201 when new; the same endpoint again answers 200 with the same subscription, its keys updated. An endpoint registered by another account moves to this one (it is the same browser). A user keeps their 10 most recently registered devices. 422 `VALIDATION_FAILED` for an endpoint that is not https, resolves to a private, loopback, link-local, carrier-NAT, multicast or reserved address (IPv4 or IPv6), or does not resolve, and for keys that are not a P-256 public key and a 16-byte secret.
         */
        post: operations["subscribePush"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/subscriptions/{subscriptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a push subscription
         * @description The caller's own only: someone else's answers 404, as one that does not exist. Pushes not yet sent to it are dropped.
         */
        delete: operations["unsubscribePush"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * WebSocket: live events, typing, presence and receipts
         * @description Upgrade this URL to a WebSocket (`ws://host/api/v1/ws`). A plain HTTP request answers 426.
         *
         *     **Authenticate** with the access token from login, either in the query (`?token=…`) or, for clients
         *     that would rather keep it out of URLs and logs, as the first frame `{ "type": "auth", "token": "…" }`
         *     within 5 seconds (`WS_AUTH_TIMEOUT`). The token gets the same full check as a bearer header (signature,
         *     expiry, live session, active account). On success the server sends one `presence` frame per contact
         *     who is online right now, then `{ "type": "ready", "data": { "userId", "heartbeatMs" } }`. An open socket is not closed when its access token later expires; it is
         *     closed when its session ends (logout, password reset or change, account deletion).
         *
         *     **Frames** are JSON text `{ "type", "data" }`, at most 64 KB each.
         *
         *     Server → client (every event the server raises, one per line):
         *     - `message.created`: a message as `GET …/messages/:id` shows it to you; your own carry your `clientMessageId` so the sending device can swap its local copy. It also means its sender has read everything up to it, with no separate receipt (but when it passes messages of yours their device never acknowledged, some may have been withheld from them by a block: take their read state from `…/changes`).
         *     - `message.updated`: a message that was edited or whose reactions changed, whole, as `GET …/messages/:id` shows it to you (your own `me` in `reactions`), to everyone who may see it: replace your copy.
         *     - `message.deleted`: `{ conversationId, messageId, seq, deletedBy, scope }`.
         *     - `receipt.updated`: `{ conversationId, userId, lastDeliveredMessageId, lastReadMessageId, deliveredAt, readAt, withheldMessageIds }`: a member's markers moved; recompute the ticks of your messages, leaving that member out for the ones in `withheldMessageIds` (sent while they had blocked you: they stay `sent`). Sent to the member's own devices and to the other members whose messages the markers passed (in a direct chat, and after a move past more than 1,000 messages, to every member): the ticks of no one else changed.
         *     - `conversation.created`: the new conversation with its participants, to each of them; and to you alone, a direct chat you had deleted for yourself and started again (it is back in your list).
         *     - `conversation.updated`: its new title, description or photo, to its members.
         *     - `conversation.deleted`: `{ conversationId, deletedFor }`: a group its owner deleted (`everyone`), or a direct chat you deleted on another device (`me`).
         *     - `participant.added`: `{ conversationId, userId, role, addedBy }`, to the members and the newcomer.
         *     - `participant.updated`: `{ conversationId, userId, role, updatedBy }`: a member's role changed (promoted, demoted, or made owner when the owner left).
         *     - `participant.removed`: `{ conversationId, userId, removedBy }`, to the members and the one who left or was removed.
         *     - `typing`: `{ conversationId, userId, expiresInMs }`: show "typing…" and hide it by yourself after `expiresInMs` (5000 ms) unless another `typing` arrives. There is no "stopped typing" frame.
         *     - `presence`: `{ userId, online, lastSeenAt }`: sent to the people who share a conversation with that user when their first socket opens (on any server process) and when their last one closes (`lastSeenAt` is then stored on the profile).
         *     - `settings.updated`: `{ conversationId, settings: { pinned, archived, mutedUntil } }`: you changed your settings for a chat (the whole new `settings`, as the list shows them: pinning may have unarchived it and archiving unpinned it), to all your sockets; nobody else is told.
         *     - `user.blocked`: `{ user, blockedAt }`, as `GET /users/me/blocked` lists it: you blocked someone, to all your sockets. The blocked person is not told.
         *     - `user.unblocked`: `{ userId }`: you unblocked someone, to all your sockets. They are not told.
         *     - `privacy.updated`: `{ lastSeen, profilePhoto, readReceipts, groupAdd }`: you changed your privacy settings (all four, as `GET /users/me/privacy` shows them), to all your sockets.
         *     - `pong` (answer to `ping`, echoing its `data`), `error` `{ code, message, frameType }` (the socket
         *       stays open).
         *     - `resync` `{ reason }`: events meant for this socket may have been lost (the server's link to the other
         *       processes, Redis, was interrupted and is back). Run steps 2–3 of the reconnect recipe on this socket;
         *       it stays open.
         *
         *     Client → server:
         *     - `{ "type": "typing", "data": { "conversationId" } }`: relayed to the other current members; at most
         *       one relay per 2 s per socket and conversation, extra frames are dropped silently
         *       (send one every ~3 s while the user types). `NOT_FOUND` error for a conversation you are not in.
         *     - `{ "type": "ack", "data": { "messageId", "conversationId"? } }`: the message (and everything before
         *       it) reached this device; moves your delivered marker, the sender gets `receipt.updated`.
         *     - `{ "type": "ping", "data": {…} }`: answered with `pong`.
         *     - Malformed JSON, an unknown `type` or a missing field is answered with an `error` frame
         *       (`BAD_FRAME`, `UNKNOWN_TYPE`, `VALIDATION_FAILED`, `NOT_FOUND`, `RATE_LIMITED`).
         *
         *     **Close codes**: `4401` bad, expired or revoked token, or the session ended (the reason says which;
         *     log in or refresh, then reconnect); `4408` no auth frame in time; `4409` this was the user's oldest
         *     socket and a 21st opened (at most 20 per user, counted across processes with Redis: do not reconnect
         *     automatically); `4429` the client read too slowly (over 1 MB waiting), or more than
         *     `WS_UNAUTHENTICATED_PER_IP` (20) sockets from one address were waiting for their auth frame (back off, then reconnect); `1009` frame too large;
         *     `1001` the server is shutting down: reconnect (after a short pause, to whichever process answers) and
         *     catch up.
         *     The server pings every 30 s (`WS_HEARTBEAT_INTERVAL`) and drops a socket that missed the previous ping.
         *
         *     **Several processes**: with `REDIS_URL` set, an event raised on any process reaches your sockets on
         *     every process, and presence counts sockets on all of them. If a process dies without closing its
         *     sockets, its users are announced offline about three heartbeats later.
         *
         *     **Reconnect recipe** (nothing is lost across a disconnect):
         *     1. Keep, per conversation, the `syncCursor` you last saw (from `GET /api/v1/conversations` or from the
         *        last `…/changes` answer).
         *     2. Open the socket first (so nothing that happens during the catch-up is missed), then
         *        `GET /api/v1/conversations` and compare each conversation's `syncCursor` with yours.
         *     3. For each one that differs, `GET /api/v1/conversations/:id/changes?since=<your cursor>`: new messages,
         *        deletions (as tombstones: `deleted: true`, content null), the ids of messages you deleted for yourself
         *        on another device (`hiddenMessageIds`) and everyone's read/delivered markers since then, in one request (follow `nextCursor` only if a page was not enough). Store the answer's
         *        `syncCursor`. Apply events that arrive on the socket meanwhile too: applying a change twice is harmless
         *        (items are keyed by message id).
         *     4. Conversations that are new to you simply appear in the list; ones you left or that were deleted are gone.
         *        Your settings for each chat come with the list (archived chats with `?archived=true`); your block
         *        list and privacy settings with `GET /api/v1/users/me/blocked` and `GET /api/v1/users/me/privacy`.
         *     5. On a `resync` frame, run steps 2–3 again without reconnecting. Every message the server acknowledged
         *        reaches an open socket as an event (sent again after a crash, so it may arrive twice) or through the
         *        catch-up a `resync` asks for.
         */
        get: operations["openWebSocket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Error */
        ErrorEnvelope: {
            /** @enum {boolean} */
            error: true;
            /** @example 404 */
            status: number;
            message: string;
            /** @example NOT_FOUND */
            code: string;
            details?: {
                field: string;
                message: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            status: string;
                        };
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            /** @enum {string} */
                            status: "ready";
                            /**
                             * @description Each dependency the server uses: `database`, and `redis` when REDIS_URL is set
                             * @example {
                             *       "database": "up",
                             *       "redis": "down"
                             *     }
                             */
                            dependencies: {
                                [key: string]: "up" | "down";
                            };
                        };
                    };
                };
            };
            /** @description The error envelope, with the state of each dependency in `data` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {number} */
                        status: 503;
                        message: string;
                        /** @enum {string} */
                        code: "UNAVAILABLE";
                        data: {
                            /**
                             * @description Each dependency the server uses: `database`, and `redis` when REDIS_URL is set
                             * @example {
                             *       "database": "up",
                             *       "redis": "down"
                             *     }
                             */
                            dependencies: {
                                [key: string]: "up" | "down";
                            };
                        };
                    };
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    signup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    firstName: string;
                    lastName: string;
                    /**
                     * Format: email
                     * @description Compared case-insensitively
                     */
                    email: string;
                    /** @description 8 to 128 characters */
                    password: string;
                    /** @description Digits, spaces, ()-, optional + */
                    phone?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** User */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** Format: email */
                            email: string;
                            firstName: string;
                            lastName: string;
                            phone: string | null;
                            about: string | null;
                            isVerified: boolean;
                            profileImage: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            lastSeenAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: email
                     * @description Compared case-insensitively
                     */
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** TokenPair */
                        data: {
                            /** @description Access token (JWT); send as Authorization: Bearer <token> */
                            token: string;
                            /** @description Opaque, single use: exchange it at /auth/refresh */
                            refreshToken: string;
                            /** @description Seconds until the access token expires */
                            expiresIn: number;
                            /** User */
                            user: {
                                /** Format: uuid */
                                id: string;
                                /** Format: email */
                                email: string;
                                firstName: string;
                                lastName: string;
                                phone: string | null;
                                about: string | null;
                                isVerified: boolean;
                                profileImage: {
                                    /** @description The 640 px WebP, a path under /media */
                                    url: string;
                                    /** @description The 160 px square WebP thumbnail */
                                    thumbnailUrl: string;
                                } | null;
                                lastSeenAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            };
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The refresh token from login or the previous refresh */
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** TokenPair */
                        data: {
                            /** @description Access token (JWT); send as Authorization: Bearer <token> */
                            token: string;
                            /** @description Opaque, single use: exchange it at /auth/refresh */
                            refreshToken: string;
                            /** @description Seconds until the access token expires */
                            expiresIn: number;
                            /** User */
                            user: {
                                /** Format: uuid */
                                id: string;
                                /** Format: email */
                                email: string;
                                firstName: string;
                                lastName: string;
                                phone: string | null;
                                about: string | null;
                                isVerified: boolean;
                                profileImage: {
                                    /** @description The 640 px WebP, a path under /media */
                                    url: string;
                                    /** @description The 160 px square WebP thumbnail */
                                    thumbnailUrl: string;
                                } | null;
                                lastSeenAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            };
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: null;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    verifyAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The `token` query parameter of the link in the verification mail */
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** User */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** Format: email */
                            email: string;
                            firstName: string;
                            lastName: string;
                            phone: string | null;
                            about: string | null;
                            isVerified: boolean;
                            profileImage: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            lastSeenAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    resendVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: null;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    requestPasswordRecovery: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: email
                     * @description Compared case-insensitively
                     */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: null;
                    };
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    resetPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The `token` query parameter of the link in the recovery mail */
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 8 to 128 characters */
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: null;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** User */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** Format: email */
                            email: string;
                            firstName: string;
                            lastName: string;
                            phone: string | null;
                            about: string | null;
                            isVerified: boolean;
                            profileImage: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            lastSeenAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deactivateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The current password, to confirm */
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: null;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Only the fields sent change; null clears phone or about */
        requestBody: {
            content: {
                "application/json": {
                    firstName?: string;
                    lastName?: string;
                    phone?: string | null;
                    about?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** User */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** Format: email */
                            email: string;
                            firstName: string;
                            lastName: string;
                            phone: string | null;
                            about: string | null;
                            isVerified: boolean;
                            profileImage: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            lastSeenAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    /** @description 8 to 128 characters */
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: null;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    searchUsers: {
        parameters: {
            query: {
                /** @description A prefix of the first name, last name or "first last", or a whole email address (case-insensitive); never part of an email */
                search: string;
                limit?: number;
                /** @description nextCursor from the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            items: {
                                /** Format: uuid */
                                id: string;
                                firstName: string;
                                lastName: string;
                                about: string | null;
                                profileImage: {
                                    /** @description The 640 px WebP, a path under /media */
                                    url: string;
                                    /** @description The 160 px square WebP thumbnail */
                                    thumbnailUrl: string;
                                } | null;
                                lastSeenAt: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** PublicUser */
                        data: {
                            /** Format: uuid */
                            id: string;
                            firstName: string;
                            lastName: string;
                            about: string | null;
                            profileImage: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            lastSeenAt: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getPrivacy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Privacy */
                        data: {
                            /**
                             * PrivacyAudience
                             * @description everyone, contacts (people I share a direct chat with) or nobody
                             */
                            lastSeen: "everyone" | "contacts" | "nobody";
                            /**
                             * PrivacyAudience
                             * @description everyone, contacts (people I share a direct chat with) or nobody
                             */
                            profilePhoto: "everyone" | "contacts" | "nobody";
                            /** @description false: no read receipts either way in direct chats (delivered still shows); groups keep them */
                            readReceipts: boolean;
                            /**
                             * GroupAddAudience
                             * @description Who may add me to a group: everyone, or only contacts (others can send an invite link)
                             */
                            groupAdd: "everyone" | "contacts";
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updatePrivacy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * PrivacyAudience
                     * @description everyone, contacts (people I share a direct chat with) or nobody
                     */
                    lastSeen?: "everyone" | "contacts" | "nobody";
                    /**
                     * PrivacyAudience
                     * @description everyone, contacts (people I share a direct chat with) or nobody
                     */
                    profilePhoto?: "everyone" | "contacts" | "nobody";
                    readReceipts?: boolean;
                    /**
                     * GroupAddAudience
                     * @description Who may add me to a group: everyone, or only contacts (others can send an invite link)
                     */
                    groupAdd?: "everyone" | "contacts";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Privacy */
                        data: {
                            /**
                             * PrivacyAudience
                             * @description everyone, contacts (people I share a direct chat with) or nobody
                             */
                            lastSeen: "everyone" | "contacts" | "nobody";
                            /**
                             * PrivacyAudience
                             * @description everyone, contacts (people I share a direct chat with) or nobody
                             */
                            profilePhoto: "everyone" | "contacts" | "nobody";
                            /** @description false: no read receipts either way in direct chats (delivered still shows); groups keep them */
                            readReceipts: boolean;
                            /**
                             * GroupAddAudience
                             * @description Who may add me to a group: everyone, or only contacts (others can send an invite link)
                             */
                            groupAdd: "everyone" | "contacts";
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listBlockedUsers: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor from the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            items: {
                                /** PublicUser */
                                user: {
                                    /** Format: uuid */
                                    id: string;
                                    firstName: string;
                                    lastName: string;
                                    about: string | null;
                                    profileImage: {
                                        /** @description The 640 px WebP, a path under /media */
                                        url: string;
                                        /** @description The 160 px square WebP thumbnail */
                                        thumbnailUrl: string;
                                    } | null;
                                    lastSeenAt: string | null;
                                };
                                /** Format: date-time */
                                blockedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    blockUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** BlockedUser */
                        data: {
                            /** PublicUser */
                            user: {
                                /** Format: uuid */
                                id: string;
                                firstName: string;
                                lastName: string;
                                about: string | null;
                                profileImage: {
                                    /** @description The 640 px WebP, a path under /media */
                                    url: string;
                                    /** @description The 160 px square WebP thumbnail */
                                    thumbnailUrl: string;
                                } | null;
                                lastSeenAt: string | null;
                            };
                            /** Format: date-time */
                            blockedAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    unblockUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: null;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listConversations: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor from the previous page */
                cursor?: string;
                /** @description true: only my archived chats; false or absent: every other chat */
                archived?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            items: {
                                /** Format: uuid */
                                id: string;
                                type: "direct" | "group";
                                title: string | null;
                                description: string | null;
                                image: {
                                    /** @description The 640 px WebP, a path under /media */
                                    url: string;
                                    /** @description The 160 px square WebP thumbnail */
                                    thumbnailUrl: string;
                                } | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                participantCount: number;
                                lastMessage: {
                                    /** Format: uuid */
                                    id: string;
                                    /** Format: uuid */
                                    senderId: string;
                                    content: string | null;
                                    /** @description How many attachments it carries (say "photo" for one without a caption); 0 when deleted */
                                    attachmentCount: number;
                                    /** Format: date-time */
                                    createdAt: string;
                                    deleted: boolean;
                                } | null;
                                /** @description Visible messages from others after my read marker */
                                unreadCount: number;
                                /** Role */
                                myRole: "owner" | "admin" | "member";
                                otherUser: {
                                    /** Format: uuid */
                                    id: string;
                                    firstName: string;
                                    lastName: string;
                                    about: string | null;
                                    profileImage: {
                                        /** @description The 640 px WebP, a path under /media */
                                        url: string;
                                        /** @description The 160 px square WebP thumbnail */
                                        thumbnailUrl: string;
                                    } | null;
                                    lastSeenAt: string | null;
                                } | null;
                                /** @description Opaque: changes whenever anything in the conversation changes (messages, deletions, receipts); pass it as `since` to GET /conversations/:id/changes */
                                syncCursor: string;
                                /** ChatSettings */
                                settings: {
                                    /** @description Pinned chats come first in my list, the latest pinned first */
                                    pinned: boolean;
                                    /** @description Left out of my default list; a new message does not change it */
                                    archived: boolean;
                                    mutedUntil: ("forever" | string) | null;
                                };
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    createConversation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    type: "direct" | "group";
                    /** @description The other members: exactly one user for a direct chat, any number for a group */
                    participantIds: string[];
                    /** @description 1 to 100 characters */
                    title?: string;
                    description?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Conversation */
                        data: {
                            /** Format: uuid */
                            id: string;
                            type: "direct" | "group";
                            title: string | null;
                            description: string | null;
                            image: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            participantCount: number;
                            lastMessage: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                senderId: string;
                                content: string | null;
                                /** @description How many attachments it carries (say "photo" for one without a caption); 0 when deleted */
                                attachmentCount: number;
                                /** Format: date-time */
                                createdAt: string;
                                deleted: boolean;
                            } | null;
                            /** @description Visible messages from others after my read marker */
                            unreadCount: number;
                            /** Role */
                            myRole: "owner" | "admin" | "member";
                            otherUser: {
                                /** Format: uuid */
                                id: string;
                                firstName: string;
                                lastName: string;
                                about: string | null;
                                profileImage: {
                                    /** @description The 640 px WebP, a path under /media */
                                    url: string;
                                    /** @description The 160 px square WebP thumbnail */
                                    thumbnailUrl: string;
                                } | null;
                                lastSeenAt: string | null;
                            } | null;
                            /** @description Opaque: changes whenever anything in the conversation changes (messages, deletions, receipts); pass it as `since` to GET /conversations/:id/changes */
                            syncCursor: string;
                            /** ChatSettings */
                            settings: {
                                /** @description Pinned chats come first in my list, the latest pinned first */
                                pinned: boolean;
                                /** @description Left out of my default list; a new message does not change it */
                                archived: boolean;
                                mutedUntil: ("forever" | string) | null;
                            };
                            participants: {
                                /** Format: uuid */
                                userId: string;
                                /** Role */
                                role: "owner" | "admin" | "member";
                                /** Format: date-time */
                                joinedAt: string;
                                /** PublicUser */
                                user: {
                                    /** Format: uuid */
                                    id: string;
                                    firstName: string;
                                    lastName: string;
                                    about: string | null;
                                    profileImage: {
                                        /** @description The 640 px WebP, a path under /media */
                                        url: string;
                                        /** @description The 160 px square WebP thumbnail */
                                        thumbnailUrl: string;
                                    } | null;
                                    lastSeenAt: string | null;
                                };
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Conversation */
                        data: {
                            /** Format: uuid */
                            id: string;
                            type: "direct" | "group";
                            title: string | null;
                            description: string | null;
                            image: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            participantCount: number;
                            lastMessage: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                senderId: string;
                                content: string | null;
                                /** @description How many attachments it carries (say "photo" for one without a caption); 0 when deleted */
                                attachmentCount: number;
                                /** Format: date-time */
                                createdAt: string;
                                deleted: boolean;
                            } | null;
                            /** @description Visible messages from others after my read marker */
                            unreadCount: number;
                            /** Role */
                            myRole: "owner" | "admin" | "member";
                            otherUser: {
                                /** Format: uuid */
                                id: string;
                                firstName: string;
                                lastName: string;
                                about: string | null;
                                profileImage: {
                                    /** @description The 640 px WebP, a path under /media */
                                    url: string;
                                    /** @description The 160 px square WebP thumbnail */
                                    thumbnailUrl: string;
                                } | null;
                                lastSeenAt: string | null;
                            } | null;
                            /** @description Opaque: changes whenever anything in the conversation changes (messages, deletions, receipts); pass it as `since` to GET /conversations/:id/changes */
                            syncCursor: string;
                            /** ChatSettings */
                            settings: {
                                /** @description Pinned chats come first in my list, the latest pinned first */
                                pinned: boolean;
                                /** @description Left out of my default list; a new message does not change it */
                                archived: boolean;
                                mutedUntil: ("forever" | string) | null;
                            };
                            participants: {
                                /** Format: uuid */
                                userId: string;
                                /** Role */
                                role: "owner" | "admin" | "member";
                                /** Format: date-time */
                                joinedAt: string;
                                /** PublicUser */
                                user: {
                                    /** Format: uuid */
                                    id: string;
                                    firstName: string;
                                    lastName: string;
                                    about: string | null;
                                    profileImage: {
                                        /** @description The 640 px WebP, a path under /media */
                                        url: string;
                                        /** @description The 160 px square WebP thumbnail */
                                        thumbnailUrl: string;
                                    } | null;
                                    lastSeenAt: string | null;
                                };
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Conversation */
                        data: {
                            /** Format: uuid */
                            id: string;
                            type: "direct" | "group";
                            title: string | null;
                            description: string | null;
                            image: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            participantCount: number;
                            lastMessage: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                senderId: string;
                                content: string | null;
                                /** @description How many attachments it carries (say "photo" for one without a caption); 0 when deleted */
                                attachmentCount: number;
                                /** Format: date-time */
                                createdAt: string;
                                deleted: boolean;
                            } | null;
                            /** @description Visible messages from others after my read marker */
                            unreadCount: number;
                            /** Role */
                            myRole: "owner" | "admin" | "member";
                            otherUser: {
                                /** Format: uuid */
                                id: string;
                                firstName: string;
                                lastName: string;
                                about: string | null;
                                profileImage: {
                                    /** @description The 640 px WebP, a path under /media */
                                    url: string;
                                    /** @description The 160 px square WebP thumbnail */
                                    thumbnailUrl: string;
                                } | null;
                                lastSeenAt: string | null;
                            } | null;
                            /** @description Opaque: changes whenever anything in the conversation changes (messages, deletions, receipts); pass it as `since` to GET /conversations/:id/changes */
                            syncCursor: string;
                            /** ChatSettings */
                            settings: {
                                /** @description Pinned chats come first in my list, the latest pinned first */
                                pinned: boolean;
                                /** @description Left out of my default list; a new message does not change it */
                                archived: boolean;
                                mutedUntil: ("forever" | string) | null;
                            };
                            participants: {
                                /** Format: uuid */
                                userId: string;
                                /** Role */
                                role: "owner" | "admin" | "member";
                                /** Format: date-time */
                                joinedAt: string;
                                /** PublicUser */
                                user: {
                                    /** Format: uuid */
                                    id: string;
                                    firstName: string;
                                    lastName: string;
                                    about: string | null;
                                    profileImage: {
                                        /** @description The 640 px WebP, a path under /media */
                                        url: string;
                                        /** @description The 160 px square WebP thumbnail */
                                        thumbnailUrl: string;
                                    } | null;
                                    lastSeenAt: string | null;
                                };
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            deletedFor: "everyone" | "me";
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 1 to 100 characters */
                    title?: string;
                    description?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Conversation */
                        data: {
                            /** Format: uuid */
                            id: string;
                            type: "direct" | "group";
                            title: string | null;
                            description: string | null;
                            image: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            participantCount: number;
                            lastMessage: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                senderId: string;
                                content: string | null;
                                /** @description How many attachments it carries (say "photo" for one without a caption); 0 when deleted */
                                attachmentCount: number;
                                /** Format: date-time */
                                createdAt: string;
                                deleted: boolean;
                            } | null;
                            /** @description Visible messages from others after my read marker */
                            unreadCount: number;
                            /** Role */
                            myRole: "owner" | "admin" | "member";
                            otherUser: {
                                /** Format: uuid */
                                id: string;
                                firstName: string;
                                lastName: string;
                                about: string | null;
                                profileImage: {
                                    /** @description The 640 px WebP, a path under /media */
                                    url: string;
                                    /** @description The 160 px square WebP thumbnail */
                                    thumbnailUrl: string;
                                } | null;
                                lastSeenAt: string | null;
                            } | null;
                            /** @description Opaque: changes whenever anything in the conversation changes (messages, deletions, receipts); pass it as `since` to GET /conversations/:id/changes */
                            syncCursor: string;
                            /** ChatSettings */
                            settings: {
                                /** @description Pinned chats come first in my list, the latest pinned first */
                                pinned: boolean;
                                /** @description Left out of my default list; a new message does not change it */
                                archived: boolean;
                                mutedUntil: ("forever" | string) | null;
                            };
                            participants: {
                                /** Format: uuid */
                                userId: string;
                                /** Role */
                                role: "owner" | "admin" | "member";
                                /** Format: date-time */
                                joinedAt: string;
                                /** PublicUser */
                                user: {
                                    /** Format: uuid */
                                    id: string;
                                    firstName: string;
                                    lastName: string;
                                    about: string | null;
                                    profileImage: {
                                        /** @description The 640 px WebP, a path under /media */
                                        url: string;
                                        /** @description The 160 px square WebP thumbnail */
                                        thumbnailUrl: string;
                                    } | null;
                                    lastSeenAt: string | null;
                                };
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateChatSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    pinned?: boolean;
                    archived?: boolean;
                    mutedUntil?: ("forever" | string) | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** ChatSettings */
                        data: {
                            /** @description Pinned chats come first in my list, the latest pinned first */
                            pinned: boolean;
                            /** @description Left out of my default list; a new message does not change it */
                            archived: boolean;
                            mutedUntil: ("forever" | string) | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listParticipants: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor from the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            items: {
                                /** Format: uuid */
                                userId: string;
                                /** Role */
                                role: "owner" | "admin" | "member";
                                /** Format: date-time */
                                joinedAt: string;
                                /** PublicUser */
                                user: {
                                    /** Format: uuid */
                                    id: string;
                                    firstName: string;
                                    lastName: string;
                                    about: string | null;
                                    profileImage: {
                                        /** @description The 640 px WebP, a path under /media */
                                        url: string;
                                        /** @description The 160 px square WebP thumbnail */
                                        thumbnailUrl: string;
                                    } | null;
                                    lastSeenAt: string | null;
                                };
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    addParticipant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    userId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Participant */
                        data: {
                            /** Format: uuid */
                            userId: string;
                            /** Role */
                            role: "owner" | "admin" | "member";
                            /** Format: date-time */
                            joinedAt: string;
                            /** PublicUser */
                            user: {
                                /** Format: uuid */
                                id: string;
                                firstName: string;
                                lastName: string;
                                about: string | null;
                                profileImage: {
                                    /** @description The 640 px WebP, a path under /media */
                                    url: string;
                                    /** @description The 160 px square WebP thumbnail */
                                    thumbnailUrl: string;
                                } | null;
                                lastSeenAt: string | null;
                            };
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Participant */
                        data: {
                            /** Format: uuid */
                            userId: string;
                            /** Role */
                            role: "owner" | "admin" | "member";
                            /** Format: date-time */
                            joinedAt: string;
                            /** PublicUser */
                            user: {
                                /** Format: uuid */
                                id: string;
                                firstName: string;
                                lastName: string;
                                about: string | null;
                                profileImage: {
                                    /** @description The 640 px WebP, a path under /media */
                                    url: string;
                                    /** @description The 160 px square WebP thumbnail */
                                    thumbnailUrl: string;
                                } | null;
                                lastSeenAt: string | null;
                            };
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    removeParticipant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            /** Format: uuid */
                            userId: string;
                            /** @description True when you removed yourself */
                            left: boolean;
                            newOwnerId: string | null;
                            /** @description True when the last member left */
                            conversationDeleted: boolean;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateParticipantRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    role: "admin" | "member";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            /** Format: uuid */
                            userId: string;
                            role: "admin" | "member";
                            changed: boolean;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    setProfileImage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description JPEG, PNG or WebP, at most 5 MB; the type is read from the bytes
                     */
                    image: string;
                } | null;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** User */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** Format: email */
                            email: string;
                            firstName: string;
                            lastName: string;
                            phone: string | null;
                            about: string | null;
                            isVerified: boolean;
                            profileImage: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            lastSeenAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteProfileImage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** User */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** Format: email */
                            email: string;
                            firstName: string;
                            lastName: string;
                            phone: string | null;
                            about: string | null;
                            isVerified: boolean;
                            profileImage: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            lastSeenAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    setConversationImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description JPEG, PNG or WebP, at most 5 MB; the type is read from the bytes
                     */
                    image: string;
                } | null;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** ConversationImage */
                        data: {
                            image: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteConversationImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** ConversationImage */
                        data: {
                            image: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    uploadAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description Any file up to ATTACHMENT_MAX_BYTES (default 25 MB); its type is read from the bytes
                     */
                    file: string;
                } | null;
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Attachment */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** @description Decided from the bytes: `image` (re-encoded, with a thumbnail), `audio`, `video`, or `file` (anything else, served as a download) */
                            kind: "image" | "audio" | "video" | "file";
                            /** @description The Content-Type the bytes are served with */
                            mimeType: string;
                            /** @description Stored size in bytes */
                            size: number;
                            /** @description The file name as sent, made safe (no folders, no control characters) */
                            name: string;
                            /** @description Images: the stored width in pixels */
                            width?: number;
                            /** @description Images: the stored height in pixels */
                            height?: number;
                            /** @description Audio and video, when the container says: the duration */
                            durationMs?: number;
                            /** @description Download link signed for you, valid for ATTACHMENT_URL_TTL (default 1 h); relative to the server */
                            url: string;
                            /** @description Images: a WebP thumbnail (at most 320 px) */
                            thumbnailUrl?: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    downloadAttachment: {
        parameters: {
            query?: {
                /** @description Signed link: the reader it was made for */
                u?: string;
                /** @description Signed link: expiry (seconds since the epoch) */
                e?: number;
                /** @description Signed link: the signature */
                s?: string;
            };
            header?: never;
            path: {
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with the Content-Type of the attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description The requested range (Content-Range says which) */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    downloadAttachmentThumbnail: {
        parameters: {
            query?: {
                /** @description Signed link: the reader it was made for */
                u?: string;
                /** @description Signed link: expiry (seconds since the epoch) */
                e?: number;
                /** @description Signed link: the signature */
                s?: string;
            };
            header?: never;
            path: {
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with the Content-Type of the attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description The requested range (Content-Range says which) */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listInvites: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor from the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            items: {
                                /** @description At least 128 random bits, URL-safe */
                                code: string;
                                /** @description PUBLIC_URL/join/<code> */
                                url: string;
                                /** Format: uuid */
                                conversationId: string;
                                /** Format: date-time */
                                expiresAt: string;
                                maxUses: number | null;
                                uses: number;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                createdBy: string;
                                revokedAt: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    createInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description When the link stops working: in the future, at most INVITE_MAX_TTL ahead (the default)
                     */
                    expiresAt?: string;
                    /** @description How many people may join; absent: no limit */
                    maxUses?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Invite */
                        data: {
                            /** @description At least 128 random bits, URL-safe */
                            code: string;
                            /** @description PUBLIC_URL/join/<code> */
                            url: string;
                            /** Format: uuid */
                            conversationId: string;
                            /** Format: date-time */
                            expiresAt: string;
                            maxUses: number | null;
                            uses: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            createdBy: string;
                            revokedAt: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    revokeInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Invite */
                        data: {
                            /** @description At least 128 random bits, URL-safe */
                            code: string;
                            /** @description PUBLIC_URL/join/<code> */
                            url: string;
                            /** Format: uuid */
                            conversationId: string;
                            /** Format: date-time */
                            expiresAt: string;
                            maxUses: number | null;
                            uses: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            createdBy: string;
                            revokedAt: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    previewInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** InvitePreview */
                        data: {
                            /** Format: uuid */
                            conversationId: string;
                            title: string;
                            description: string | null;
                            image: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            memberCount: number;
                            /** @description True when the caller already belongs to the group */
                            isMember: boolean;
                            /** Format: date-time */
                            expiresAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    joinByInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Conversation */
                        data: {
                            /** Format: uuid */
                            id: string;
                            type: "direct" | "group";
                            title: string | null;
                            description: string | null;
                            image: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            participantCount: number;
                            lastMessage: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                senderId: string;
                                content: string | null;
                                /** @description How many attachments it carries (say "photo" for one without a caption); 0 when deleted */
                                attachmentCount: number;
                                /** Format: date-time */
                                createdAt: string;
                                deleted: boolean;
                            } | null;
                            /** @description Visible messages from others after my read marker */
                            unreadCount: number;
                            /** Role */
                            myRole: "owner" | "admin" | "member";
                            otherUser: {
                                /** Format: uuid */
                                id: string;
                                firstName: string;
                                lastName: string;
                                about: string | null;
                                profileImage: {
                                    /** @description The 640 px WebP, a path under /media */
                                    url: string;
                                    /** @description The 160 px square WebP thumbnail */
                                    thumbnailUrl: string;
                                } | null;
                                lastSeenAt: string | null;
                            } | null;
                            /** @description Opaque: changes whenever anything in the conversation changes (messages, deletions, receipts); pass it as `since` to GET /conversations/:id/changes */
                            syncCursor: string;
                            /** ChatSettings */
                            settings: {
                                /** @description Pinned chats come first in my list, the latest pinned first */
                                pinned: boolean;
                                /** @description Left out of my default list; a new message does not change it */
                                archived: boolean;
                                mutedUntil: ("forever" | string) | null;
                            };
                            participants: {
                                /** Format: uuid */
                                userId: string;
                                /** Role */
                                role: "owner" | "admin" | "member";
                                /** Format: date-time */
                                joinedAt: string;
                                /** PublicUser */
                                user: {
                                    /** Format: uuid */
                                    id: string;
                                    firstName: string;
                                    lastName: string;
                                    about: string | null;
                                    profileImage: {
                                        /** @description The 640 px WebP, a path under /media */
                                        url: string;
                                        /** @description The 160 px square WebP thumbnail */
                                        thumbnailUrl: string;
                                    } | null;
                                    lastSeenAt: string | null;
                                };
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Conversation */
                        data: {
                            /** Format: uuid */
                            id: string;
                            type: "direct" | "group";
                            title: string | null;
                            description: string | null;
                            image: {
                                /** @description The 640 px WebP, a path under /media */
                                url: string;
                                /** @description The 160 px square WebP thumbnail */
                                thumbnailUrl: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            participantCount: number;
                            lastMessage: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                senderId: string;
                                content: string | null;
                                /** @description How many attachments it carries (say "photo" for one without a caption); 0 when deleted */
                                attachmentCount: number;
                                /** Format: date-time */
                                createdAt: string;
                                deleted: boolean;
                            } | null;
                            /** @description Visible messages from others after my read marker */
                            unreadCount: number;
                            /** Role */
                            myRole: "owner" | "admin" | "member";
                            otherUser: {
                                /** Format: uuid */
                                id: string;
                                firstName: string;
                                lastName: string;
                                about: string | null;
                                profileImage: {
                                    /** @description The 640 px WebP, a path under /media */
                                    url: string;
                                    /** @description The 160 px square WebP thumbnail */
                                    thumbnailUrl: string;
                                } | null;
                                lastSeenAt: string | null;
                            } | null;
                            /** @description Opaque: changes whenever anything in the conversation changes (messages, deletions, receipts); pass it as `since` to GET /conversations/:id/changes */
                            syncCursor: string;
                            /** ChatSettings */
                            settings: {
                                /** @description Pinned chats come first in my list, the latest pinned first */
                                pinned: boolean;
                                /** @description Left out of my default list; a new message does not change it */
                                archived: boolean;
                                mutedUntil: ("forever" | string) | null;
                            };
                            participants: {
                                /** Format: uuid */
                                userId: string;
                                /** Role */
                                role: "owner" | "admin" | "member";
                                /** Format: date-time */
                                joinedAt: string;
                                /** PublicUser */
                                user: {
                                    /** Format: uuid */
                                    id: string;
                                    firstName: string;
                                    lastName: string;
                                    about: string | null;
                                    profileImage: {
                                        /** @description The 640 px WebP, a path under /media */
                                        url: string;
                                        /** @description The 160 px square WebP thumbnail */
                                        thumbnailUrl: string;
                                    } | null;
                                    lastSeenAt: string | null;
                                };
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getMediaFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description <key>-640.webp or <key>-160.webp */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The WebP file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/webp": string;
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listMessages: {
        parameters: {
            query?: {
                /** @description Older than this cursor (a nextCursor obtained while paging backwards) */
                before?: string;
                /** @description Newer than this cursor (a nextCursor obtained while paging forwards) */
                after?: string;
                /** @description Same as `before`, for generic paginators */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                conversationId: string;
                                /** @description Position in the conversation: total and gap-free, 1, 2, 3, ... */
                                seq: number;
                                /** Format: uuid */
                                senderId: string;
                                content: string | null;
                                /** @description Photos, voice notes, videos and files, in order (empty on a tombstone) */
                                attachments: {
                                    /** Format: uuid */
                                    id: string;
                                    /** @description Decided from the bytes: `image` (re-encoded, with a thumbnail), `audio`, `video`, or `file` (anything else, served as a download) */
                                    kind: "image" | "audio" | "video" | "file";
                                    /** @description The Content-Type the bytes are served with */
                                    mimeType: string;
                                    /** @description Stored size in bytes */
                                    size: number;
                                    /** @description The file name as sent, made safe (no folders, no control characters) */
                                    name: string;
                                    /** @description Images: the stored width in pixels */
                                    width?: number;
                                    /** @description Images: the stored height in pixels */
                                    height?: number;
                                    /** @description Audio and video, when the container says: the duration */
                                    durationMs?: number;
                                    /** @description Download link signed for you, valid for ATTACHMENT_URL_TTL (default 1 h); relative to the server */
                                    url: string;
                                    /** @description Images: a WebP thumbnail (at most 320 px) */
                                    thumbnailUrl?: string;
                                }[];
                                /** Format: date-time */
                                createdAt: string;
                                /** @description When its sender last edited it; null if never */
                                editedAt: string | null;
                                /** @description Null when it is not a reply, or when you may not see the replied message */
                                replyTo: {
                                    /** Format: uuid */
                                    id: string;
                                    /** Format: uuid */
                                    senderId: string;
                                    preview: string | null;
                                    deleted: boolean;
                                } | null;
                                forwarded: {
                                    /** @description Hops from the original; 5 or more reads as "forwarded many times" */
                                    count: number;
                                    /**
                                     * Format: date-time
                                     * @description When the original message was sent
                                     */
                                    originalSentAt: string;
                                } | null;
                                /** @description Deleted for everyone: a tombstone, content is null */
                                deleted: boolean;
                                clientMessageId: string | null;
                                /** @description Your own messages only (null on others'): `read` or `delivered` once every other member who could see it has read or received it, else `sent` */
                                status: ("sent" | "delivered" | "read") | null;
                                /** @description One entry per emoji members reacted with (one reaction per member), most used first; empty on a tombstone */
                                reactions: {
                                    emoji: string;
                                    /** @description Members who reacted with it */
                                    count: number;
                                    /** @description Whether you are among them */
                                    me: boolean;
                                }[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    sendMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Text, 1 to 4096 characters after trimming (leading and trailing whitespace is dropped). Optional with attachmentIds: then it is the caption, and a blank one is no caption. */
                    content?: string;
                    /** @description Your own uploads to this conversation (POST /conversations/:id/attachments), in the order to show them. Each upload goes into one message; forwarding shares it. Anything else is 404. */
                    attachmentIds?: string[];
                    /** @description Your own id for this message (e.g. a local uuid). Sending again with the same value returns the first message with 200 instead of creating a second copy; it is echoed in message.created. */
                    clientMessageId?: string;
                    /**
                     * Format: uuid
                     * @description A message of this conversation that you can see
                     */
                    replyToId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Message */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            conversationId: string;
                            /** @description Position in the conversation: total and gap-free, 1, 2, 3, ... */
                            seq: number;
                            /** Format: uuid */
                            senderId: string;
                            content: string | null;
                            /** @description Photos, voice notes, videos and files, in order (empty on a tombstone) */
                            attachments: {
                                /** Format: uuid */
                                id: string;
                                /** @description Decided from the bytes: `image` (re-encoded, with a thumbnail), `audio`, `video`, or `file` (anything else, served as a download) */
                                kind: "image" | "audio" | "video" | "file";
                                /** @description The Content-Type the bytes are served with */
                                mimeType: string;
                                /** @description Stored size in bytes */
                                size: number;
                                /** @description The file name as sent, made safe (no folders, no control characters) */
                                name: string;
                                /** @description Images: the stored width in pixels */
                                width?: number;
                                /** @description Images: the stored height in pixels */
                                height?: number;
                                /** @description Audio and video, when the container says: the duration */
                                durationMs?: number;
                                /** @description Download link signed for you, valid for ATTACHMENT_URL_TTL (default 1 h); relative to the server */
                                url: string;
                                /** @description Images: a WebP thumbnail (at most 320 px) */
                                thumbnailUrl?: string;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            /** @description When its sender last edited it; null if never */
                            editedAt: string | null;
                            /** @description Null when it is not a reply, or when you may not see the replied message */
                            replyTo: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                senderId: string;
                                preview: string | null;
                                deleted: boolean;
                            } | null;
                            forwarded: {
                                /** @description Hops from the original; 5 or more reads as "forwarded many times" */
                                count: number;
                                /**
                                 * Format: date-time
                                 * @description When the original message was sent
                                 */
                                originalSentAt: string;
                            } | null;
                            /** @description Deleted for everyone: a tombstone, content is null */
                            deleted: boolean;
                            clientMessageId: string | null;
                            /** @description Your own messages only (null on others'): `read` or `delivered` once every other member who could see it has read or received it, else `sent` */
                            status: ("sent" | "delivered" | "read") | null;
                            /** @description One entry per emoji members reacted with (one reaction per member), most used first; empty on a tombstone */
                            reactions: {
                                emoji: string;
                                /** @description Members who reacted with it */
                                count: number;
                                /** @description Whether you are among them */
                                me: boolean;
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Message */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            conversationId: string;
                            /** @description Position in the conversation: total and gap-free, 1, 2, 3, ... */
                            seq: number;
                            /** Format: uuid */
                            senderId: string;
                            content: string | null;
                            /** @description Photos, voice notes, videos and files, in order (empty on a tombstone) */
                            attachments: {
                                /** Format: uuid */
                                id: string;
                                /** @description Decided from the bytes: `image` (re-encoded, with a thumbnail), `audio`, `video`, or `file` (anything else, served as a download) */
                                kind: "image" | "audio" | "video" | "file";
                                /** @description The Content-Type the bytes are served with */
                                mimeType: string;
                                /** @description Stored size in bytes */
                                size: number;
                                /** @description The file name as sent, made safe (no folders, no control characters) */
                                name: string;
                                /** @description Images: the stored width in pixels */
                                width?: number;
                                /** @description Images: the stored height in pixels */
                                height?: number;
                                /** @description Audio and video, when the container says: the duration */
                                durationMs?: number;
                                /** @description Download link signed for you, valid for ATTACHMENT_URL_TTL (default 1 h); relative to the server */
                                url: string;
                                /** @description Images: a WebP thumbnail (at most 320 px) */
                                thumbnailUrl?: string;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            /** @description When its sender last edited it; null if never */
                            editedAt: string | null;
                            /** @description Null when it is not a reply, or when you may not see the replied message */
                            replyTo: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                senderId: string;
                                preview: string | null;
                                deleted: boolean;
                            } | null;
                            forwarded: {
                                /** @description Hops from the original; 5 or more reads as "forwarded many times" */
                                count: number;
                                /**
                                 * Format: date-time
                                 * @description When the original message was sent
                                 */
                                originalSentAt: string;
                            } | null;
                            /** @description Deleted for everyone: a tombstone, content is null */
                            deleted: boolean;
                            clientMessageId: string | null;
                            /** @description Your own messages only (null on others'): `read` or `delivered` once every other member who could see it has read or received it, else `sent` */
                            status: ("sent" | "delivered" | "read") | null;
                            /** @description One entry per emoji members reacted with (one reaction per member), most used first; empty on a tombstone */
                            reactions: {
                                emoji: string;
                                /** @description Members who reacted with it */
                                count: number;
                                /** @description Whether you are among them */
                                me: boolean;
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Message */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            conversationId: string;
                            /** @description Position in the conversation: total and gap-free, 1, 2, 3, ... */
                            seq: number;
                            /** Format: uuid */
                            senderId: string;
                            content: string | null;
                            /** @description Photos, voice notes, videos and files, in order (empty on a tombstone) */
                            attachments: {
                                /** Format: uuid */
                                id: string;
                                /** @description Decided from the bytes: `image` (re-encoded, with a thumbnail), `audio`, `video`, or `file` (anything else, served as a download) */
                                kind: "image" | "audio" | "video" | "file";
                                /** @description The Content-Type the bytes are served with */
                                mimeType: string;
                                /** @description Stored size in bytes */
                                size: number;
                                /** @description The file name as sent, made safe (no folders, no control characters) */
                                name: string;
                                /** @description Images: the stored width in pixels */
                                width?: number;
                                /** @description Images: the stored height in pixels */
                                height?: number;
                                /** @description Audio and video, when the container says: the duration */
                                durationMs?: number;
                                /** @description Download link signed for you, valid for ATTACHMENT_URL_TTL (default 1 h); relative to the server */
                                url: string;
                                /** @description Images: a WebP thumbnail (at most 320 px) */
                                thumbnailUrl?: string;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            /** @description When its sender last edited it; null if never */
                            editedAt: string | null;
                            /** @description Null when it is not a reply, or when you may not see the replied message */
                            replyTo: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                senderId: string;
                                preview: string | null;
                                deleted: boolean;
                            } | null;
                            forwarded: {
                                /** @description Hops from the original; 5 or more reads as "forwarded many times" */
                                count: number;
                                /**
                                 * Format: date-time
                                 * @description When the original message was sent
                                 */
                                originalSentAt: string;
                            } | null;
                            /** @description Deleted for everyone: a tombstone, content is null */
                            deleted: boolean;
                            clientMessageId: string | null;
                            /** @description Your own messages only (null on others'): `read` or `delivered` once every other member who could see it has read or received it, else `sent` */
                            status: ("sent" | "delivered" | "read") | null;
                            /** @description One entry per emoji members reacted with (one reaction per member), most used first; empty on a tombstone */
                            reactions: {
                                emoji: string;
                                /** @description Members who reacted with it */
                                count: number;
                                /** @description Whether you are among them */
                                me: boolean;
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteMessage: {
        parameters: {
            query?: {
                /** @description `everyone` (default): erase it for all, leaving a tombstone; `me`: hide it for me only */
                scope?: "everyone" | "me";
            };
            header?: never;
            path: {
                conversationId: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** DeletedMessage */
                        data: {
                            /** Format: uuid */
                            messageId: string;
                            scope: "everyone" | "me";
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    editMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The new text, 1 to 4096 characters after trimming, like a sent message */
                    content: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Message */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            conversationId: string;
                            /** @description Position in the conversation: total and gap-free, 1, 2, 3, ... */
                            seq: number;
                            /** Format: uuid */
                            senderId: string;
                            content: string | null;
                            /** @description Photos, voice notes, videos and files, in order (empty on a tombstone) */
                            attachments: {
                                /** Format: uuid */
                                id: string;
                                /** @description Decided from the bytes: `image` (re-encoded, with a thumbnail), `audio`, `video`, or `file` (anything else, served as a download) */
                                kind: "image" | "audio" | "video" | "file";
                                /** @description The Content-Type the bytes are served with */
                                mimeType: string;
                                /** @description Stored size in bytes */
                                size: number;
                                /** @description The file name as sent, made safe (no folders, no control characters) */
                                name: string;
                                /** @description Images: the stored width in pixels */
                                width?: number;
                                /** @description Images: the stored height in pixels */
                                height?: number;
                                /** @description Audio and video, when the container says: the duration */
                                durationMs?: number;
                                /** @description Download link signed for you, valid for ATTACHMENT_URL_TTL (default 1 h); relative to the server */
                                url: string;
                                /** @description Images: a WebP thumbnail (at most 320 px) */
                                thumbnailUrl?: string;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            /** @description When its sender last edited it; null if never */
                            editedAt: string | null;
                            /** @description Null when it is not a reply, or when you may not see the replied message */
                            replyTo: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                senderId: string;
                                preview: string | null;
                                deleted: boolean;
                            } | null;
                            forwarded: {
                                /** @description Hops from the original; 5 or more reads as "forwarded many times" */
                                count: number;
                                /**
                                 * Format: date-time
                                 * @description When the original message was sent
                                 */
                                originalSentAt: string;
                            } | null;
                            /** @description Deleted for everyone: a tombstone, content is null */
                            deleted: boolean;
                            clientMessageId: string | null;
                            /** @description Your own messages only (null on others'): `read` or `delivered` once every other member who could see it has read or received it, else `sent` */
                            status: ("sent" | "delivered" | "read") | null;
                            /** @description One entry per emoji members reacted with (one reaction per member), most used first; empty on a tombstone */
                            reactions: {
                                emoji: string;
                                /** @description Members who reacted with it */
                                count: number;
                                /** @description Whether you are among them */
                                me: boolean;
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    setReaction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Exactly one emoji: one grapheme that Unicode lists as an emoji, skin tones, flags and ZWJ sequences (👍🏽, 👨‍👩‍👧) included; a symbol without its emoji selector (❤) counts as its emoji form (❤️). Anything else is 422. */
                    emoji: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Message */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            conversationId: string;
                            /** @description Position in the conversation: total and gap-free, 1, 2, 3, ... */
                            seq: number;
                            /** Format: uuid */
                            senderId: string;
                            content: string | null;
                            /** @description Photos, voice notes, videos and files, in order (empty on a tombstone) */
                            attachments: {
                                /** Format: uuid */
                                id: string;
                                /** @description Decided from the bytes: `image` (re-encoded, with a thumbnail), `audio`, `video`, or `file` (anything else, served as a download) */
                                kind: "image" | "audio" | "video" | "file";
                                /** @description The Content-Type the bytes are served with */
                                mimeType: string;
                                /** @description Stored size in bytes */
                                size: number;
                                /** @description The file name as sent, made safe (no folders, no control characters) */
                                name: string;
                                /** @description Images: the stored width in pixels */
                                width?: number;
                                /** @description Images: the stored height in pixels */
                                height?: number;
                                /** @description Audio and video, when the container says: the duration */
                                durationMs?: number;
                                /** @description Download link signed for you, valid for ATTACHMENT_URL_TTL (default 1 h); relative to the server */
                                url: string;
                                /** @description Images: a WebP thumbnail (at most 320 px) */
                                thumbnailUrl?: string;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            /** @description When its sender last edited it; null if never */
                            editedAt: string | null;
                            /** @description Null when it is not a reply, or when you may not see the replied message */
                            replyTo: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                senderId: string;
                                preview: string | null;
                                deleted: boolean;
                            } | null;
                            forwarded: {
                                /** @description Hops from the original; 5 or more reads as "forwarded many times" */
                                count: number;
                                /**
                                 * Format: date-time
                                 * @description When the original message was sent
                                 */
                                originalSentAt: string;
                            } | null;
                            /** @description Deleted for everyone: a tombstone, content is null */
                            deleted: boolean;
                            clientMessageId: string | null;
                            /** @description Your own messages only (null on others'): `read` or `delivered` once every other member who could see it has read or received it, else `sent` */
                            status: ("sent" | "delivered" | "read") | null;
                            /** @description One entry per emoji members reacted with (one reaction per member), most used first; empty on a tombstone */
                            reactions: {
                                emoji: string;
                                /** @description Members who reacted with it */
                                count: number;
                                /** @description Whether you are among them */
                                me: boolean;
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    removeReaction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Message */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            conversationId: string;
                            /** @description Position in the conversation: total and gap-free, 1, 2, 3, ... */
                            seq: number;
                            /** Format: uuid */
                            senderId: string;
                            content: string | null;
                            /** @description Photos, voice notes, videos and files, in order (empty on a tombstone) */
                            attachments: {
                                /** Format: uuid */
                                id: string;
                                /** @description Decided from the bytes: `image` (re-encoded, with a thumbnail), `audio`, `video`, or `file` (anything else, served as a download) */
                                kind: "image" | "audio" | "video" | "file";
                                /** @description The Content-Type the bytes are served with */
                                mimeType: string;
                                /** @description Stored size in bytes */
                                size: number;
                                /** @description The file name as sent, made safe (no folders, no control characters) */
                                name: string;
                                /** @description Images: the stored width in pixels */
                                width?: number;
                                /** @description Images: the stored height in pixels */
                                height?: number;
                                /** @description Audio and video, when the container says: the duration */
                                durationMs?: number;
                                /** @description Download link signed for you, valid for ATTACHMENT_URL_TTL (default 1 h); relative to the server */
                                url: string;
                                /** @description Images: a WebP thumbnail (at most 320 px) */
                                thumbnailUrl?: string;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            /** @description When its sender last edited it; null if never */
                            editedAt: string | null;
                            /** @description Null when it is not a reply, or when you may not see the replied message */
                            replyTo: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                senderId: string;
                                preview: string | null;
                                deleted: boolean;
                            } | null;
                            forwarded: {
                                /** @description Hops from the original; 5 or more reads as "forwarded many times" */
                                count: number;
                                /**
                                 * Format: date-time
                                 * @description When the original message was sent
                                 */
                                originalSentAt: string;
                            } | null;
                            /** @description Deleted for everyone: a tombstone, content is null */
                            deleted: boolean;
                            clientMessageId: string | null;
                            /** @description Your own messages only (null on others'): `read` or `delivered` once every other member who could see it has read or received it, else `sent` */
                            status: ("sent" | "delivered" | "read") | null;
                            /** @description One entry per emoji members reacted with (one reaction per member), most used first; empty on a tombstone */
                            reactions: {
                                emoji: string;
                                /** @description Members who reacted with it */
                                count: number;
                                /** @description Whether you are among them */
                                me: boolean;
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    forwardMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 1 to 5 distinct conversations you are a member of */
                    conversationIds: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                conversationId: string;
                                /** @description Position in the conversation: total and gap-free, 1, 2, 3, ... */
                                seq: number;
                                /** Format: uuid */
                                senderId: string;
                                content: string | null;
                                /** @description Photos, voice notes, videos and files, in order (empty on a tombstone) */
                                attachments: {
                                    /** Format: uuid */
                                    id: string;
                                    /** @description Decided from the bytes: `image` (re-encoded, with a thumbnail), `audio`, `video`, or `file` (anything else, served as a download) */
                                    kind: "image" | "audio" | "video" | "file";
                                    /** @description The Content-Type the bytes are served with */
                                    mimeType: string;
                                    /** @description Stored size in bytes */
                                    size: number;
                                    /** @description The file name as sent, made safe (no folders, no control characters) */
                                    name: string;
                                    /** @description Images: the stored width in pixels */
                                    width?: number;
                                    /** @description Images: the stored height in pixels */
                                    height?: number;
                                    /** @description Audio and video, when the container says: the duration */
                                    durationMs?: number;
                                    /** @description Download link signed for you, valid for ATTACHMENT_URL_TTL (default 1 h); relative to the server */
                                    url: string;
                                    /** @description Images: a WebP thumbnail (at most 320 px) */
                                    thumbnailUrl?: string;
                                }[];
                                /** Format: date-time */
                                createdAt: string;
                                /** @description When its sender last edited it; null if never */
                                editedAt: string | null;
                                /** @description Null when it is not a reply, or when you may not see the replied message */
                                replyTo: {
                                    /** Format: uuid */
                                    id: string;
                                    /** Format: uuid */
                                    senderId: string;
                                    preview: string | null;
                                    deleted: boolean;
                                } | null;
                                forwarded: {
                                    /** @description Hops from the original; 5 or more reads as "forwarded many times" */
                                    count: number;
                                    /**
                                     * Format: date-time
                                     * @description When the original message was sent
                                     */
                                    originalSentAt: string;
                                } | null;
                                /** @description Deleted for everyone: a tombstone, content is null */
                                deleted: boolean;
                                clientMessageId: string | null;
                                /** @description Your own messages only (null on others'): `read` or `delivered` once every other member who could see it has read or received it, else `sent` */
                                status: ("sent" | "delivered" | "read") | null;
                                /** @description One entry per emoji members reacted with (one reaction per member), most used first; empty on a tombstone */
                                reactions: {
                                    emoji: string;
                                    /** @description Members who reacted with it */
                                    count: number;
                                    /** @description Whether you are among them */
                                    me: boolean;
                                }[];
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getMessageReceipts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Receipts */
                        data: {
                            /** @description Members (other than the sender) who received it */
                            deliveredTo: {
                                /** Format: uuid */
                                userId: string;
                                at: string | null;
                            }[];
                            /** @description Members (other than the sender) who read it */
                            readBy: {
                                /** Format: uuid */
                                userId: string;
                                at: string | null;
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    markConversationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uuid
                     * @description Everything up to and including this message becomes read
                     */
                    messageId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** ReadState */
                        data: {
                            /** @description Visible messages from others after your read marker */
                            unreadCount: number;
                            lastReadMessageId: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listChanges: {
        parameters: {
            query?: {
                /** @description The syncCursor you stored last time (or a nextCursor) */
                since?: string;
                limit?: number;
            };
            header?: never;
            path: {
                conversationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** Changes */
                        data: {
                            /** @description Messages created, edited, reacted to or deleted (as tombstones) since the cursor, oldest change first */
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                conversationId: string;
                                /** @description Position in the conversation: total and gap-free, 1, 2, 3, ... */
                                seq: number;
                                /** Format: uuid */
                                senderId: string;
                                content: string | null;
                                /** @description Photos, voice notes, videos and files, in order (empty on a tombstone) */
                                attachments: {
                                    /** Format: uuid */
                                    id: string;
                                    /** @description Decided from the bytes: `image` (re-encoded, with a thumbnail), `audio`, `video`, or `file` (anything else, served as a download) */
                                    kind: "image" | "audio" | "video" | "file";
                                    /** @description The Content-Type the bytes are served with */
                                    mimeType: string;
                                    /** @description Stored size in bytes */
                                    size: number;
                                    /** @description The file name as sent, made safe (no folders, no control characters) */
                                    name: string;
                                    /** @description Images: the stored width in pixels */
                                    width?: number;
                                    /** @description Images: the stored height in pixels */
                                    height?: number;
                                    /** @description Audio and video, when the container says: the duration */
                                    durationMs?: number;
                                    /** @description Download link signed for you, valid for ATTACHMENT_URL_TTL (default 1 h); relative to the server */
                                    url: string;
                                    /** @description Images: a WebP thumbnail (at most 320 px) */
                                    thumbnailUrl?: string;
                                }[];
                                /** Format: date-time */
                                createdAt: string;
                                /** @description When its sender last edited it; null if never */
                                editedAt: string | null;
                                /** @description Null when it is not a reply, or when you may not see the replied message */
                                replyTo: {
                                    /** Format: uuid */
                                    id: string;
                                    /** Format: uuid */
                                    senderId: string;
                                    preview: string | null;
                                    deleted: boolean;
                                } | null;
                                forwarded: {
                                    /** @description Hops from the original; 5 or more reads as "forwarded many times" */
                                    count: number;
                                    /**
                                     * Format: date-time
                                     * @description When the original message was sent
                                     */
                                    originalSentAt: string;
                                } | null;
                                /** @description Deleted for everyone: a tombstone, content is null */
                                deleted: boolean;
                                clientMessageId: string | null;
                                /** @description Your own messages only (null on others'): `read` or `delivered` once every other member who could see it has read or received it, else `sent` */
                                status: ("sent" | "delivered" | "read") | null;
                                /** @description One entry per emoji members reacted with (one reaction per member), most used first; empty on a tombstone */
                                reactions: {
                                    emoji: string;
                                    /** @description Members who reacted with it */
                                    count: number;
                                    /** @description Whether you are among them */
                                    me: boolean;
                                }[];
                            }[];
                            /** @description Messages you deleted for yourself (from another device) since the cursor: remove them */
                            hiddenMessageIds: string[];
                            /** @description Every member's current read and delivered markers */
                            readStates: {
                                /** Format: uuid */
                                userId: string;
                                lastReadMessageId: string | null;
                                lastDeliveredMessageId: string | null;
                                readAt: string | null;
                                deliveredAt: string | null;
                                /** @description Your messages this member's markers have passed that never reached them (sent while they had blocked you): they stay `sent`, so do not count this member for them when you work out ticks. Empty except in a direct chat after an unblock. */
                                withheldMessageIds: string[];
                            }[];
                            nextCursor: string | null;
                            /** @description Store it; pass it as `since` on your next sync */
                            syncCursor: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    searchMessages: {
        parameters: {
            query: {
                /** @description The words to find, 1 to 200 characters: every word must appear in the message, whole or as the start of a word, case and accents ignored (`cancion` finds `Canción`, `reun` finds `reunión`) */
                q: string;
                /** @description Only this conversation (you must be a member: else 404) */
                conversationId?: string;
                limit?: number;
                /** @description nextCursor from the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            items: {
                                /** Message */
                                message: {
                                    /** Format: uuid */
                                    id: string;
                                    /** Format: uuid */
                                    conversationId: string;
                                    /** @description Position in the conversation: total and gap-free, 1, 2, 3, ... */
                                    seq: number;
                                    /** Format: uuid */
                                    senderId: string;
                                    content: string | null;
                                    /** @description Photos, voice notes, videos and files, in order (empty on a tombstone) */
                                    attachments: {
                                        /** Format: uuid */
                                        id: string;
                                        /** @description Decided from the bytes: `image` (re-encoded, with a thumbnail), `audio`, `video`, or `file` (anything else, served as a download) */
                                        kind: "image" | "audio" | "video" | "file";
                                        /** @description The Content-Type the bytes are served with */
                                        mimeType: string;
                                        /** @description Stored size in bytes */
                                        size: number;
                                        /** @description The file name as sent, made safe (no folders, no control characters) */
                                        name: string;
                                        /** @description Images: the stored width in pixels */
                                        width?: number;
                                        /** @description Images: the stored height in pixels */
                                        height?: number;
                                        /** @description Audio and video, when the container says: the duration */
                                        durationMs?: number;
                                        /** @description Download link signed for you, valid for ATTACHMENT_URL_TTL (default 1 h); relative to the server */
                                        url: string;
                                        /** @description Images: a WebP thumbnail (at most 320 px) */
                                        thumbnailUrl?: string;
                                    }[];
                                    /** Format: date-time */
                                    createdAt: string;
                                    /** @description When its sender last edited it; null if never */
                                    editedAt: string | null;
                                    /** @description Null when it is not a reply, or when you may not see the replied message */
                                    replyTo: {
                                        /** Format: uuid */
                                        id: string;
                                        /** Format: uuid */
                                        senderId: string;
                                        preview: string | null;
                                        deleted: boolean;
                                    } | null;
                                    forwarded: {
                                        /** @description Hops from the original; 5 or more reads as "forwarded many times" */
                                        count: number;
                                        /**
                                         * Format: date-time
                                         * @description When the original message was sent
                                         */
                                        originalSentAt: string;
                                    } | null;
                                    /** @description Deleted for everyone: a tombstone, content is null */
                                    deleted: boolean;
                                    clientMessageId: string | null;
                                    /** @description Your own messages only (null on others'): `read` or `delivered` once every other member who could see it has read or received it, else `sent` */
                                    status: ("sent" | "delivered" | "read") | null;
                                    /** @description One entry per emoji members reacted with (one reaction per member), most used first; empty on a tombstone */
                                    reactions: {
                                        emoji: string;
                                        /** @description Members who reacted with it */
                                        count: number;
                                        /** @description Whether you are among them */
                                        me: boolean;
                                    }[];
                                };
                                /** SearchConversation */
                                conversation: {
                                    /** Format: uuid */
                                    id: string;
                                    type: "direct" | "group";
                                    title: string | null;
                                };
                                /** @description Plain text around the first match, on one line, at most about 160 characters (… where it was cut), each matched word wrapped in <mark>…</mark> and everything else HTML-escaped */
                                snippet: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getPushKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** PushKey */
                        data: {
                            /** @description The server's VAPID public key (base64url, 65 bytes): the browser's applicationServerKey when it subscribes */
                            publicKey: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listPushSubscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: {
                            items: {
                                /** Format: uuid */
                                id: string;
                                endpoint: string;
                                /** Format: date-time */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description When the device last registered it
                                 */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    subscribePush: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The push service URL from the browser's PushSubscription: https, on a host that resolves only to public addresses (checked again before every push) */
                    endpoint: string;
                    keys: {
                        /** @description The browser's P-256 public key: 65 bytes (uncompressed point), base64url */
                        p256dh: string;
                        /** @description The browser's auth secret: 16 bytes, base64url */
                        auth: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** PushSubscription */
                        data: {
                            /** Format: uuid */
                            id: string;
                            endpoint: string;
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description When the device last registered it
                             */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        /** PushSubscription */
                        data: {
                            /** Format: uuid */
                            id: string;
                            endpoint: string;
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description When the device last registered it
                             */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    unsubscribePush: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        error: false;
                        /** @example 200 */
                        status: number;
                        message: string;
                        data: null;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    openWebSocket: {
        parameters: {
            query?: {
                /** @description Access token (or send an auth frame) */
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
}
