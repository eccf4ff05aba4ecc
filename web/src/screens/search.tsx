// Message search: in all my chats (the chat list's search box) or in the open chat (its header's search).
// Each hit links to its chat at that message; its snippet shows the matched words marked.
import { useEffect, useState } from 'preact/hooks';
import { Icon } from '../components/icons';
import { formatStamp, t } from '../i18n';
import { searchMessages } from '../store/message-actions';
import { errorText } from '../store/notices';
import type { SearchHit } from '../types';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const decodeEntities = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!);

/**
 * The snippet as text runs, marked or not. The server escapes everything but its <mark> tags; reading it
 * into text nodes (never innerHTML) keeps it text whatever it holds.
 */
export function snippetParts(snippet: string): { text: string; marked: boolean }[] {
  return snippet
    .split(/(<mark>.*?<\/mark>)/)
    .filter(Boolean)
    .map((part) =>
      part.startsWith('<mark>')
        ? { text: decodeEntities(part.slice(6, -7)), marked: true }
        : { text: decodeEntities(part), marked: false },
    );
}

interface SearchState {
  hits: SearchHit[];
  loading: boolean;
  error: string | null;
}

/** The hits for `query` (searched a moment after the typing stops), in all chats or in one. */
export function useMessageSearch(query: string, conversationId?: string): SearchState {
  const [state, setState] = useState<SearchState>({ hits: [], loading: false, error: null });
  useEffect(() => {
    const q = query.trim().slice(0, 200);
    if (!q) {
      setState({ hits: [], loading: false, error: null });
      return;
    }
    let current = true;
    setState((before) => ({ ...before, loading: true, error: null }));
    const timer = setTimeout(() => {
      searchMessages(q, conversationId)
        .then((hits) => current && setState({ hits, loading: false, error: null }))
        .catch((error) => current && setState({ hits: [], loading: false, error: errorText(error) }));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, conversationId]);
  return state;
}

export function SearchHits({
  state,
  showChat,
  onOpen,
}: {
  state: SearchState;
  /** Name each hit's chat (a search of all chats). */
  showChat: boolean;
  onOpen?: () => void;
}) {
  if (state.error)
    return (
      <p class="form-error" role="alert">
        {state.error}
      </p>
    );
  return (
    <div class="search-hits" aria-busy={state.loading}>
      <p class="muted small search-status" role="status">
        {state.loading ? t('searching') : state.hits.length === 0 ? t('noMessagesFound') : ''}
      </p>
      <ul aria-label={t('messages')}>
        {state.hits.map((hit) => (
          <li key={hit.message.id} data-testid="search-hit">
            <a href={`/chats/${hit.conversation.id}?m=${hit.message.id}`} onClick={onOpen}>
              <span class="row">
                <span class="grow ellipsis title">{showChat ? (hit.conversation.title ?? '') : ''}</span>
                <span class="stamp">{formatStamp(hit.message.createdAt)}</span>
              </span>
              <span class="snippet">
                {snippetParts(hit.snippet).map((part, i) =>
                  part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                )}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The open chat's own search, under its header. */
export function ChatSearch({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const state = useMessageSearch(query, conversationId);
  return (
    <section
      class="chat-search"
      aria-label={t('searchInChat')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div class="search-box">
        <Icon name="search" class="search-icon" />
        <input
          type="search"
          aria-label={t('searchInChat')}
          placeholder={t('searchInChat')}
          value={query}
          // biome-ignore lint/a11y/noAutofocus: the search was opened to type in it
          autoFocus
          onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
        />
        <button
          type="button"
          class="icon-btn"
          aria-label={t('closeSearch')}
          title={t('closeSearch')}
          onClick={onClose}
        >
          <Icon name="close" />
        </button>
      </div>
      {query.trim() ? <SearchHits state={state} showChat={false} /> : null}
    </section>
  );
}
