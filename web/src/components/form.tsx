// Small form helpers: a labelled field, a submit handler that shows the server's message, a language picker.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { language, languages, setLanguage, t } from '../i18n';

export function Field(props: {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value: string;
  onInput: (value: string) => void;
  autoComplete?: string;
  required?: boolean;
  minLength?: number;
  autoFocus?: boolean;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        required={props.required}
        minLength={props.minLength}
        // biome-ignore lint/a11y/noAutofocus: the first field of a one-purpose page
        autoFocus={props.autoFocus}
        onInput={(event) => props.onInput((event.currentTarget as HTMLInputElement).value)}
      />
    </div>
  );
}

/** Runs an async action for a form: busy while it runs, the error's message shown when it fails. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof Error && caught.message ? caught.message : t('error'));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}

export function FormError({ error }: { error: string | null }) {
  return error ? (
    <p class="form-error" role="alert">
      {error}
    </p>
  ) : null;
}

export function LanguagePicker() {
  return (
    <div class="lang-picker">
      <label for="language">{t('language')}</label>
      <select
        id="language"
        value={language.value}
        onChange={(event) => setLanguage((event.currentTarget as HTMLSelectElement).value as 'en' | 'es')}
      >
        {languages.map((entry) => (
          <option key={entry.code} value={entry.code}>
            {entry.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function AuthCard({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <main class="auth">
      <div class="auth-card">
        <div class="brand" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="28" height="28" fill="currentColor" aria-hidden="true">
            <path d="M12 2a10 10 0 0 0-8.7 15L2 22l5.1-1.3A10 10 0 1 0 12 2z" />
          </svg>
          {t('appName')}
        </div>
        <h1>{title}</h1>
        {children}
        <LanguagePicker />
      </div>
    </main>
  );
}
