// /join/:code, opened from an invite link: the group's preview, and a button to join it.
import { useEffect, useState } from 'preact/hooks';
import { Avatar } from '../components/avatar';
import { AuthCard, FormError, useAction } from '../components/form';
import { t } from '../i18n';
import { navigate } from '../router';
import { invitePreview, joinByInvite } from '../store/groups';
import { me } from '../store/session';
import type { InvitePreview } from '../types';

export function JoinScreen({ code }: { code: string }) {
  const [preview, setPreview] = useState<InvitePreview | null>(null);
  const [gone, setGone] = useState(false);
  const { busy, error, run } = useAction();
  const loggedIn = me.value !== null;

  useEffect(() => {
    if (!loggedIn) return;
    invitePreview(code).then(setPreview, () => setGone(true));
  }, [code, loggedIn]);

  const here = `/join/${encodeURIComponent(code)}`;
  if (!loggedIn) {
    return (
      <AuthCard title={t('joinTitle')}>
        <p>{t('joinLogin')}</p>
        <div class="actions" style={{ flexDirection: 'column' }}>
          <a class="btn" href={`/login?next=${encodeURIComponent(here)}`}>
            {t('logIn')}
          </a>
          <a class="btn secondary" href={`/signup?next=${encodeURIComponent(here)}`}>
            {t('signUp')}
          </a>
        </div>
      </AuthCard>
    );
  }
  if (gone) {
    return (
      <AuthCard title={t('joinTitle')}>
        <p role="alert">{t('joinGone')}</p>
        <a class="btn" href="/">
          {t('chats')}
        </a>
      </AuthCard>
    );
  }
  const join = () =>
    void run(async () => {
      const conversationId = await joinByInvite(code);
      navigate(`/chats/${conversationId}`, { replace: true });
    });
  return (
    <AuthCard title={t('joinTitle')}>
      {preview ? (
        <div class="row" style={{ marginBottom: '1rem' }}>
          <Avatar name={preview.title} id={preview.conversationId} image={preview.image} size={56} />
          <div>
            <h2 data-testid="join-title">{preview.title}</h2>
            <span class="muted small">{t('members', { n: preview.memberCount })}</span>
          </div>
        </div>
      ) : (
        <p aria-busy="true">…</p>
      )}
      <FormError error={error} />
      {preview ? (
        <button type="button" class="btn" disabled={busy} onClick={join}>
          {preview.isMember ? t('openChat') : t('joinButton')}
        </button>
      ) : null}
    </AuthCard>
  );
}
