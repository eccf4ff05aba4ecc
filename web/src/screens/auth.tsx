// The pages before a session: log in, sign up, confirm the email address, recover the password.
import { useEffect, useState } from 'preact/hooks';
import { AuthCard, Field, FormError, useAction } from '../components/form';
import { t } from '../i18n';
import { navigate, nextPath, queryParam } from '../router';
import { logIn, requestRecovery, resetPassword, signUp, verifyAccount } from '../store/session';

function withNext(path: string): string {
  const next = queryParam('next');
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

export function LoginScreen() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const next = nextPath();
    void run(async () => {
      await logIn(email.trim(), password);
      navigate(next, { replace: true });
    });
  };
  return (
    <AuthCard title={t('logIn')}>
      <form onSubmit={onSubmit} aria-label={t('logIn')}>
        <Field
          id="email"
          label={t('email')}
          type="email"
          value={email}
          onInput={setEmail}
          autoComplete="email"
          required
          autoFocus
        />
        <Field
          id="password"
          label={t('password')}
          type="password"
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
          required
        />
        <FormError error={error} />
        <button class="btn" type="submit" disabled={busy}>
          {t('logIn')}
        </button>
      </form>
      <div class="auth-links">
        <span>
          {t('noAccount')} <a href={withNext('/signup')}>{t('signUp')}</a>
        </span>
        <a href="/recovery-password">{t('forgotPassword')}</a>
      </div>
    </AuthCard>
  );
}

export function SignupScreen() {
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', password: '' });
  const { busy, error, run } = useAction();
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const next = nextPath();
    void run(async () => {
      await signUp({ ...form, email: form.email.trim() });
      navigate(next, { replace: true });
    });
  };
  return (
    <AuthCard title={t('signUp')}>
      <form onSubmit={onSubmit} aria-label={t('signUp')}>
        <Field
          id="firstName"
          label={t('firstName')}
          value={form.firstName}
          onInput={set('firstName')}
          autoComplete="given-name"
          required
          autoFocus
        />
        <Field
          id="lastName"
          label={t('lastName')}
          value={form.lastName}
          onInput={set('lastName')}
          autoComplete="family-name"
          required
        />
        <Field
          id="email"
          label={t('email')}
          type="email"
          value={form.email}
          onInput={set('email')}
          autoComplete="email"
          required
        />
        <Field
          id="password"
          label={t('password')}
          type="password"
          value={form.password}
          onInput={set('password')}
          autoComplete="new-password"
          required
          minLength={8}
        />
        <FormError error={error} />
        <button class="btn" type="submit" disabled={busy}>
          {t('signUp')}
        </button>
      </form>
      <div class="auth-links">
        <span>
          {t('haveAccount')} <a href={withNext('/login')}>{t('logIn')}</a>
        </span>
      </div>
    </AuthCard>
  );
}

/** Opened from the verification mail: PUBLIC_URL/verify-account?token=… */
export function VerifyScreen() {
  const [state, setState] = useState<'working' | 'done' | 'failed'>('working');
  useEffect(() => {
    const token = queryParam('token');
    if (!token) {
      setState('failed');
      return;
    }
    verifyAccount(token).then(
      () => setState('done'),
      () => setState('failed'),
    );
  }, []);
  const title =
    state === 'working' ? t('verifyTitle') : state === 'done' ? t('verifyDone') : t('verifyFailed');
  return (
    <AuthCard title={title}>
      <p class="sr-only" role="status">
        {title}
      </p>
      {state !== 'working' ? (
        <a class="btn" href="/">
          {t('continue')}
        </a>
      ) : null}
    </AuthCard>
  );
}

/** Without a token: ask for the mail. With ?token= (the mail's link): choose the new password. */
export function RecoveryScreen() {
  const token = queryParam('token');
  const [value, setValue] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      if (token) await resetPassword(token, value);
      else await requestRecovery(value.trim());
      setDone(true);
    });
  };
  if (done) {
    return (
      <AuthCard title={token ? t('resetTitle') : t('recoverTitle')}>
        <p role="status">{token ? t('resetDone') : t('recoverSent')}</p>
        <a class="btn" href="/login">
          {t('logIn')}
        </a>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={token ? t('resetTitle') : t('recoverTitle')}>
      <form onSubmit={onSubmit} aria-label={token ? t('resetTitle') : t('recoverTitle')}>
        {token ? (
          <Field
            id="password"
            label={t('newPassword')}
            type="password"
            value={value}
            onInput={setValue}
            autoComplete="new-password"
            required
            minLength={8}
            autoFocus
          />
        ) : (
          <>
            <p class="form-note">{t('recoverHelp')}</p>
            <Field
              id="email"
              label={t('email')}
              type="email"
              value={value}
              onInput={setValue}
              autoComplete="email"
              required
              autoFocus
            />
          </>
        )}
        <FormError error={error} />
        <button class="btn" type="submit" disabled={busy}>
          {token ? t('resetSave') : t('recoverSend')}
        </button>
      </form>
      <div class="auth-links">
        <a href="/login">{t('logIn')}</a>
      </div>
    </AuthCard>
  );
}
