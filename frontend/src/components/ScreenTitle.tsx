// The level-one heading of a screen whose layout shows no big title (the
// rail already says where you are): there for screen readers, which list a
// page by its headings, and hidden on screen (issue #22).
import { useT } from '../i18n/useT';
import type { Screen } from '../stores/nav';

/** ScreenTitle names the screen in an <h1> only assistive technology sees. */
export function ScreenTitle({ screen }: { screen: Screen }) {
  const { t } = useT();
  return (
    <h1 className="fp-sr-only" data-testid="screen-title">
      {t(`nav.${screen}`)}
    </h1>
  );
}
