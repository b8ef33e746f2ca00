import type { UserRole } from '@rpm/contracts';
import { routeHref, type Page } from '../app/route.ts';
import { useLocale } from '../i18n/locale-context.ts';

type NavPage = Exclude<Page, 'patient' | 'me'>;

/** Which pages each role may open (the server enforces the same: alerts and patients for admin and clinicians, ops for admin and ops). */
export function pagesFor(role: UserRole): NavPage[] {
  switch (role) {
    case 'admin':
      return ['queue', 'roster', 'ops'];
    case 'clinician':
      return ['queue', 'roster'];
    case 'ops':
      return ['ops'];
    case 'patient':
      return [];
  }
}

export interface MainNavProps {
  readonly role: UserRole;
  /** the page shown; a patient page counts as the roster's */
  readonly current: Page;
}

/** The header's links between the main pages; the current one is marked for screen readers, not by colour alone. */
export function MainNav({ role, current }: MainNavProps) {
  const { t } = useLocale();
  const pages = pagesFor(role);
  if (pages.length < 2) return null;
  const active: Page = current === 'patient' ? 'roster' : current;
  return (
    <nav class="main-nav" aria-label={t('nav.label')}>
      <ul class="main-nav__list">
        {pages.map((page) => (
          <li key={page}>
            <a class="main-nav__link" href={routeHref({ page })} aria-current={page === active ? 'page' : undefined}>
              {t(`nav.${page}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
