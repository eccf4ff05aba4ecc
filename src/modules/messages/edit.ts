// Editing a message's text: its sender, within MESSAGE_EDIT_WINDOW, an original that still exists. The
// new text reaches every member who may see it (message.updated), /changes and search at once.
import type { AppContext } from '../../context.js';
import { lockConversation } from '../../core/membership.js';
import { canEdit, type EditDecision } from '../../core/policies.js';
import { Conflict, Forbidden } from '../../lib/errors.js';
import { requireVisibleMessage } from './access.js';
import { publishMessageUpdated } from './events.js';
import { recordOutboxEvent } from './outbox-queries.js';
import type { PresentedMessage } from './present.js';
import { type MessageRow, updateContent } from './queries.js';
import { normalizeContent } from './send.js';
import { presentForViewer } from './views.js';

/** A refusal as its answer: 409 for what the message is (deleted, forwarded), 403 for who or when. */
function enforceEdit(decision: EditDecision): void {
  if (decision.allowed) return;
  if (decision.code === 'DELETED' || decision.code === 'FORWARDED') throw new Conflict(decision.reason);
  throw new Forbidden(decision.reason, decision.code);
}

/** Saving the same text again changes nothing (a retried edit): the message comes back as it is. */
export async function editMessage(
  ctx: AppContext,
  userId: string,
  conversationId: string,
  messageId: string,
  input: string,
): Promise<PresentedMessage> {
  const content = normalizeContent(input);
  const check = (message: MessageRow) =>
    enforceEdit(
      canEdit({ actorId: userId, message, windowMs: ctx.config.messageEditWindowMs, now: new Date() }),
    );
  // Checked once without the lock (an outsider's 404 costs no lock), then again under it.
  check((await requireVisibleMessage(ctx.db, userId, conversationId, messageId)).message);
  const { row, changed } = await ctx.db.transaction(async (tx) => {
    await lockConversation(tx, conversationId);
    const { message } = await requireVisibleMessage(tx, userId, conversationId, messageId);
    check(message);
    if (message.content === content) return { row: message, changed: false };
    const updated = await updateContent(tx, messageId, content);
    if (!updated) throw new Conflict('A deleted message cannot be edited');
    await recordOutboxEvent(tx, messageId, 'message.updated');
    return { row: updated, changed: true };
  });
  if (changed) await publishMessageUpdated(ctx, row);
  return (await presentForViewer(ctx, userId, conversationId, [row]))[0]!;
}
