// My profile: name and about, the photo (upload or remove), the language, notifications, the way to privacy
// settings and the block list, and logging out.
import { useState } from 'preact/hooks';
import { Avatar } from '../components/avatar';
import { Field, FormError, LanguagePicker, useAction } from '../components/form';
import { Icon } from '../components/icons';
import { t } from '../i18n';
import { enablePush, pushState } from '../store/push';
import { logOut, me, removePhoto, resendVerification, updateProfile, uploadPhoto } from '../store/session';

export function ProfileScreen() {
  const user = me.value!;
  const [form, setForm] = useState({
    firstName: user.firstName,
    lastName: user.lastName,
    about: user.about ?? '',
  });
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const save = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await updateProfile({
        firstName: form.firstName.trim(),
        lastName: form.lastName.trim(),
        about: form.about.trim() || null,
      });
      setNote(t('saved'));
    });
  };
  const onPhoto = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    void run(async () => {
      await uploadPhoto(file);
      input.value = '';
    });
  };
  const name = `${user.firstName} ${user.lastName}`;
  return (
    <section class="conversation" aria-labelledby="profile-title">
      <div class="bar">
        <a href="/" class="icon-btn" aria-label={t('back')}>
          <Icon name="back" />
        </a>
        <h2 id="profile-title">{t('profile')}</h2>
      </div>
      <div class="pane">
        <div class="pane-content">
          {!user.isVerified ? (
            <div class="card" role="status">
              <p style={{ marginTop: 0 }}>{t('unverified')}</p>
              <button
                type="button"
                class="btn secondary"
                onClick={() =>
                  void run(async () => {
                    await resendVerification();
                    setNote(t('resent'));
                  })
                }
              >
                {t('resend')}
              </button>
            </div>
          ) : null}
          <div class="card">
            <div class="profile-photo">
              <span data-testid="profile-photo">
                <Avatar name={name} id={user.id} image={user.profileImage} size={96} />
              </span>
              <div class="row" style={{ flexWrap: 'wrap' }}>
                <label class="btn secondary" for="photo-input">
                  {t('changePhoto')}
                </label>
                <input
                  id="photo-input"
                  class="sr-only"
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  onChange={onPhoto}
                />
                {user.profileImage ? (
                  <button type="button" class="btn danger" onClick={() => void run(removePhoto)}>
                    {t('removePhoto')}
                  </button>
                ) : null}
              </div>
            </div>
            <form onSubmit={save} aria-label={t('profile')}>
              <Field
                id="firstName"
                label={t('firstName')}
                value={form.firstName}
                onInput={set('firstName')}
                required
              />
              <Field
                id="lastName"
                label={t('lastName')}
                value={form.lastName}
                onInput={set('lastName')}
                required
              />
              <Field id="about" label={t('about')} value={form.about} onInput={set('about')} />
              <p class="muted small">{user.email}</p>
              <FormError error={error} />
              <p class="form-note" role="status">
                {note}
              </p>
              <button class="btn" type="submit" disabled={busy}>
                {t('save')}
              </button>
            </form>
            <LanguagePicker />
            <Notifications />
          </div>
          <div class="card">
            <a href="/privacy" class="settings-link">
              <span class="grow">{t('privacy')}</span>
              <span class="muted small">{t('blockedContacts')}</span>
            </a>
          </div>
          <button type="button" class="btn danger" onClick={() => void logOut()}>
            {t('logOut')}
          </button>
        </div>
      </div>
    </section>
  );
}

/** Pushes while the app is closed: a button until they are on, then what state they are in. */
function Notifications() {
  const { busy, error, run } = useAction();
  const state = pushState.value;
  if (state === 'unsupported') return null;
  if (state === 'on') return <p class="muted small">{t('notificationsOn')}</p>;
  if (state === 'blocked') return <p class="muted small">{t('notificationsBlocked')}</p>;
  return (
    <div>
      <FormError error={error} />
      <button type="button" class="btn secondary" disabled={busy} onClick={() => void run(enablePush)}>
        {t('notificationsTurnOn')}
      </button>
    </div>
  );
}
