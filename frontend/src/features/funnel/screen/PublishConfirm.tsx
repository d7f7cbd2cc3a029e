// Asks before publishing a funnel that contacts are going through: they
// stay on the version they started; new contacts get the new one.
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useT } from '../../../i18n/useT';
import { useFunnel } from '../stores/funnel';
import { tn } from './plural';

export function PublishConfirm() {
  const { t, lang } = useT();
  const q = useFunnel((s) => s.publishQuestion);
  if (!q) return null;
  return (
    <ConfirmDialog
      tone="primary"
      testId="publish-confirm"
      title={t('publish.confirmTitle', { version: q.published_version + 1 })}
      body={tn(lang, 'publish.confirmBody', q.active, { version: q.published_version })}
      confirm={t('publish.confirm')}
      onCancel={() => useFunnel.getState().cancelPublish()}
      onConfirm={() => void useFunnel.getState().confirmPublish()}
    />
  );
}
