// The notice of a save someone else made of the funnel being edited, and
// the watch that hears of it on a team workspace (a workspace file has one
// person: nobody is asked).
import { useEffect } from 'react';
import type { Lang } from '../api/types';
import { formatTime } from '../i18n/format';
import { useT } from '../i18n/useT';
import { useDraftConflict, watchTeam } from '../stores/draftConflict';
import { useSettings } from '../stores/settings';
import { isTeamAddress } from '../stores/workspace';
import { Modal } from './Modal';

/** savedWhen says when a save was made: "just now", "2 min ago", or the time of day. */
export function savedWhen(at: string, now: number, lang: Lang, t: ReturnType<typeof useT>['t']): string {
  const secs = Math.max(0, (now - new Date(at).getTime()) / 1000);
  if (secs < 45) return t('draft.justNow');
  if (secs < 3600) return t('draft.minutesAgo', { n: Math.max(1, Math.round(secs / 60)) });
  return t('draft.at', { time: formatTime(at, lang) });
}

/** DraftWatch follows others' saves while a team workspace is open (see watchTeam). */
export function DraftWatch() {
  const team = useSettings((s) => isTeamAddress(s.workspace));
  useEffect(() => (team ? watchTeam() : undefined), [team]);
  return null;
}

/** DraftConflictNotice names who saved the funnel since and offers to load theirs or keep one's own. */
export function DraftConflictNotice() {
  const { t, lang } = useT();
  const conflict = useDraftConflict((s) => s.conflict);
  const busy = useDraftConflict((s) => s.busy);
  if (!conflict) return null;
  const name = conflict.stamp.by || t('draft.someone');
  return (
    <Modal title={t('draft.title')} onClose={() => useDraftConflict.getState().dismiss()} testId="draft-conflict">
      <p data-testid="draft-conflict-who">{t('draft.body', { name, when: savedWhen(conflict.stamp.at, Date.now(), lang, t) })}</p>
      <p className="fp-muted">{t('draft.choose')}</p>
      <div className="fp-modal-actions">
        <button type="button" className="fp-btn" disabled={busy} onClick={() => void useDraftConflict.getState().loadTheirs()} data-testid="draft-load-theirs">
          {t('draft.theirs')}
        </button>
        <button type="button" className="fp-btn fp-btn-primary" disabled={busy} onClick={() => void useDraftConflict.getState().keepMine()} data-testid="draft-keep-mine">
          {t('draft.mine')}
        </button>
      </div>
    </Modal>
  );
}
