import type { PassportEntry } from '@rpm/contracts';
import { useLocale } from '../../i18n/locale-context.ts';
import { entryFields } from '../../portal/passport-fields.ts';

/** One passport entry's fields as a definition list: the patient's portal and the clinician's record show it alike. */
export function PassportEntryFields({ entry }: { readonly entry: PassportEntry }) {
  const { t } = useLocale();
  return (
    <dl class="passport__fields">
      {entryFields(entry).map(({ field, value }) => (
        <div key={field} class="passport__field">
          <dt>{t(`portal.fields.${field}`)}</dt>
          <dd>
            {value.kind === 'text'
              ? field === 'kind'
                ? t(value.text === 'medicine' ? 'portal.passport.medicine' : 'portal.passport.service')
                : value.text
              : t(value.value ? 'portal.passport.planned' : 'portal.passport.emergency')}
          </dd>
        </div>
      ))}
    </dl>
  );
}
