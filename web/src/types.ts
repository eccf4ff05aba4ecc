// The shapes the screens use: the API's own types, as the SDK generates them from the OpenAPI document.
import type { operations } from '@chat/sdk';

export type {
  Attachment,
  BlockedUser,
  ChatSettings,
  ConversationSummary,
  Me,
  Message,
  Participant,
  Privacy,
  PrivacyChanges,
  PublicUser,
  Reaction,
  SearchHit,
} from '@chat/sdk';

type Data<
  Op extends keyof operations,
  Status extends keyof operations[Op]['responses'],
> = operations[Op]['responses'][Status] extends { content: { 'application/json': { data: infer D } } }
  ? D
  : never;

export type Role = 'owner' | 'admin' | 'member';
export type Invite = Data<'createInvite', 201>;
export type InvitePreview = Data<'previewInvite', 200>;

/** A message typed here and not yet confirmed by the server. */
export interface PendingMessage {
  clientMessageId: string;
  conversationId: string;
  content: string;
  replyToId: string | null;
  /** How many uploaded files it carries. */
  attachmentCount: number;
  createdAt: string;
  failed: boolean;
}
