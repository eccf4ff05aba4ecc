// Rows -> API shapes for invite links and their previews.
import type { Config } from '../../config.js';
import { presentImage } from '../../core/image-urls.js';
import type { ConversationRow } from '../../core/membership.js';
import type { InviteRow } from './queries.js';

export function inviteUrl(config: Config, code: string): string {
  return `${config.publicUrl}/join/${code}`;
}

export function presentInvite(config: Config, invite: InviteRow) {
  return {
    code: invite.code,
    url: inviteUrl(config, invite.code),
    conversationId: invite.conversationId,
    expiresAt: invite.expiresAt.toISOString(),
    maxUses: invite.maxUses,
    uses: invite.uses,
    createdAt: invite.createdAt.toISOString(),
    createdBy: invite.createdBy,
    revokedAt: invite.revokedAt?.toISOString() ?? null,
  };
}

export interface InvitePreview {
  invite: InviteRow;
  conversation: ConversationRow;
  memberCount: number;
  isMember: boolean;
}

export function presentPreview(preview: InvitePreview) {
  return {
    conversationId: preview.conversation.id,
    title: preview.conversation.title ?? '',
    description: preview.conversation.description,
    image: presentImage(preview.conversation.image),
    memberCount: preview.memberCount,
    isMember: preview.isMember,
    expiresAt: preview.invite.expiresAt.toISOString(),
  };
}
