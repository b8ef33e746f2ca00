import { useId } from 'preact/hooks';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/languages.ts';
import { useLocale } from '../i18n/locale-context.ts';

export interface LanguageSelectProps {
  readonly value: Language;
  readonly onChange: (language: Language) => void;
}

export function LanguageSelect({ value, onChange }: LanguageSelectProps) {
  const { t } = useLocale();
  const id = useId();
  return (
    <div class="language-select">
      <label for={id}>{t('language.label')}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (isLanguage(chosen)) onChange(chosen);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
