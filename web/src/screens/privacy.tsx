// Privacy: who sees my last seen and photo, read receipts, who may add me to groups (each saved as it is
// chosen), and the people I blocked, to unblock.
import { useEffect } from 'preact/hooks';
import { Avatar } from '../components/avatar';
import { FormError, useAction } from '../components/form';
import { Icon } from '../components/icons';
import { t } from '../i18n';
import { blocked, unblockUser } from '../store/blocks';
import { fullName } from '../store/people';
import { changePrivacy, loadPrivacy, privacy } from '../store/privacy';
import type { Privacy } from '../types';

type AudienceKey = 'lastSeen' | 'profilePhoto' | 'groupAdd';

function AudienceChoice<K extends AudienceKey>({
  field,
  legend,
  options,
  onChange,
}: {
  field: K;
  legend: string;
  options: Privacy[K][];
  onChange: (value: Privacy[K]) => void;
}) {
  const current = privacy.value?.[field];
  return (
    <fieldset class="choices">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} class="choice">
          <input
            type="radio"
            name={field}
            value={option}
            checked={current === option}
            onChange={() => onChange(option)}
          />
          {t(`audience_${option}`)}
        </label>
      ))}
    </fieldset>
  );
}

function BlockedList() {
  const { error, run } = useAction();
  const list = Object.values(blocked.value ?? {});
  return (
    <div class="card">
      <h2 id="blocked-title">{t('blockedContacts')}</h2>
      <FormError error={error} />
      {list.length === 0 ? <p class="muted small">{t('noBlocked')}</p> : null}
      <ul class="people" aria-labelledby="blocked-title">
        {list.map(({ user }) => (
          <li key={user.id} data-testid="blocked-user">
            <Avatar name={fullName(user)} id={user.id} image={user.profileImage} size={36} />
            <span class="grow ellipsis">{fullName(user)}</span>
            <button
              type="button"
              class="btn secondary"
              aria-label={t('unblock', { name: fullName(user) })}
              onClick={() => void run(() => unblockUser(user.id))}
            >
              {t('unblockButton')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function PrivacyScreen() {
  const { busy, error, run } = useAction();
  useEffect(() => {
    void run(loadPrivacy);
  }, []);
  const save = (changes: Partial<Privacy>) => void run(() => changePrivacy(changes));
  const settings = privacy.value;
  return (
    <section class="conversation" aria-labelledby="privacy-title">
      <div class="bar">
        <a href="/profile" class="icon-btn" aria-label={t('back')}>
          <Icon name="back" />
        </a>
        <h2 id="privacy-title">{t('privacy')}</h2>
      </div>
      <div class="pane">
        <div class="pane-content">
          <div class="card" aria-busy={busy}>
            <FormError error={error} />
            {settings ? (
              <>
                <AudienceChoice
                  field="lastSeen"
                  legend={t('privacyLastSeen')}
                  options={['everyone', 'contacts', 'nobody']}
                  onChange={(lastSeen) => save({ lastSeen })}
                />
                <AudienceChoice
                  field="profilePhoto"
                  legend={t('privacyPhoto')}
                  options={['everyone', 'contacts', 'nobody']}
                  onChange={(profilePhoto) => save({ profilePhoto })}
                />
                <AudienceChoice
                  field="groupAdd"
                  legend={t('privacyGroups')}
                  options={['everyone', 'contacts']}
                  onChange={(groupAdd) => save({ groupAdd })}
                />
                <p class="muted small">{t('contactsHelp')}</p>
                <label class="choice switch">
                  <input
                    type="checkbox"
                    checked={settings.readReceipts}
                    aria-describedby="read-receipts-help"
                    onChange={(event) =>
                      save({ readReceipts: (event.currentTarget as HTMLInputElement).checked })
                    }
                  />
                  {t('privacyReadReceipts')}
                </label>
                <p class="muted small" id="read-receipts-help">
                  {t('privacyReadReceiptsHelp')}
                </p>
              </>
            ) : (
              <p class="muted">…</p>
            )}
          </div>
          <BlockedList />
        </div>
      </div>
    </section>
  );
}
