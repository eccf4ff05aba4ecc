// A search hit: the message as the caller sees it, where it was said, and the highlighted snippet.
import type { PresentedMessage } from '../messages/present.js';

export interface SearchHit {
  message: PresentedMessage;
  conversation: { id: string; type: 'direct' | 'group'; title: string | null };
  snippet: string;
}

export function presentSearchHit(
  message: PresentedMessage,
  conversation: SearchHit['conversation'],
  snippet: string,
): SearchHit {
  return {
    message,
    conversation: { id: conversation.id, type: conversation.type, title: conversation.title },
    snippet,
  };
}
