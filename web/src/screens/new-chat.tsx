// Start a chat: find people by name or email; pick one for a direct chat, or several and a name for a group.
import { useEffect, useState } from 'preact/hooks';
import { Avatar } from '../components/avatar';
import { FormError, useAction } from '../components/form';
import { Icon } from '../components/icons';
import { t } from '../i18n';
import { navigate } from '../router';
import { createDirectChat, createGroup, searchPeople } from '../store/groups';
import type { PublicUser } from '../types';

function fullName(user: PublicUser): string {
  return `${user.firstName} ${user.lastName}`;
}

export function NewChatScreen() {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PublicUser[] | null>(null);
  const [group, setGroup] = useState(false);
  const [chosen, setChosen] = useState<PublicUser[]>([]);
  const [title, setTitle] = useState('');
  const { busy, error, run } = useAction();

  useEffect(() => {
    const term = query.trim();
    if (!term) {
      setResults(null);
      return;
    }
    const timer = setTimeout(() => {
      searchPeople(term).then(setResults, () => setResults([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [query]);

  const pick = (user: PublicUser) => {
    if (group) {
      setChosen(
        chosen.some((entry) => entry.id === user.id)
          ? chosen.filter((entry) => entry.id !== user.id)
          : [...chosen, user],
      );
      return;
    }
    void run(async () => {
      const id = await createDirectChat(user.id);
      navigate(`/chats/${id}`, { replace: true });
    });
  };
  const submitGroup = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const id = await createGroup(
        title.trim(),
        chosen.map((user) => user.id),
      );
      navigate(`/chats/${id}`, { replace: true });
    });
  };

  return (
    <section class="conversation" aria-labelledby="new-title">
      <div class="bar">
        <a href="/" class="icon-btn" aria-label={t('back')}>
          <Icon name="back" />
        </a>
        <h2 id="new-title">{group ? t('newGroup') : t('newChat')}</h2>
        <button type="button" class="btn secondary" aria-pressed={group} onClick={() => setGroup(!group)}>
          {group ? t('newChat') : t('newGroup')}
        </button>
      </div>
      <div class="pane">
        <div class="pane-content">
          {group ? (
            <form class="card" onSubmit={submitGroup} aria-label={t('createGroup')}>
              <div class="field">
                <label for="group-title">{t('groupTitle')}</label>
                <input
                  id="group-title"
                  value={title}
                  required
                  maxLength={100}
                  onInput={(event) => setTitle((event.currentTarget as HTMLInputElement).value)}
                />
              </div>
              <p class="muted small" aria-live="polite">
                {t('selected', { n: chosen.length })}
                {chosen.length > 0 ? `: ${chosen.map(fullName).join(', ')}` : ''}
              </p>
              <button class="btn" type="submit" disabled={busy || !title.trim()}>
                {t('createGroup')}
              </button>
            </form>
          ) : null}
          <div class="field">
            <label for="people-search">{t('searchPeople')}</label>
            <input
              id="people-search"
              type="search"
              value={query}
              autoComplete="off"
              onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
            />
          </div>
          <FormError error={error} />
          {results !== null && results.length === 0 ? <p class="muted">{t('noResults')}</p> : null}
          <ul class="people" aria-label={t('people')}>
            {(results ?? []).map((user) => {
              const selected = chosen.some((entry) => entry.id === user.id);
              return (
                <li key={user.id}>
                  <button
                    type="button"
                    class="person"
                    onClick={() => pick(user)}
                    aria-pressed={group ? selected : undefined}
                    disabled={busy}
                  >
                    <Avatar name={fullName(user)} id={user.id} image={user.profileImage} size={40} />
                    <span class="grow">
                      <span class="ellipsis" style={{ display: 'block' }}>
                        {fullName(user)}
                      </span>
                      {user.about ? <span class="muted small ellipsis">{user.about}</span> : null}
                    </span>
                    {group && selected ? <span aria-hidden="true">✓</span> : null}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </section>
  );
}
