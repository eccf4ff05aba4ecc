// Who hears of a membership change, published after the transaction commits (core/events.ts).
import type { AppContext } from '../../context.js';
import { publishEvent, type ServerEvent } from '../../core/events.js';

type EventData<T extends ServerEvent['type']> = Extract<ServerEvent, { type: T }>['data'];

export type ParticipantAdded = EventData<'participant.added'>;

/** The one way a join is announced, whether an admin added them or they used an invite link. */
export function publishParticipantAdded(ctx: AppContext, memberIds: string[], added: ParticipantAdded) {
  return publishEvent(ctx, [...memberIds, added.userId], { type: 'participant.added', data: added });
}

export type ParticipantRemoved = EventData<'participant.removed'>;

/** The removed user hears it too, so their clients drop the conversation. */
export function publishParticipantRemoved(ctx: AppContext, memberIds: string[], removed: ParticipantRemoved) {
  return publishEvent(ctx, [...memberIds, removed.userId], { type: 'participant.removed', data: removed });
}
