// The segments tab: saved segments with their counts on the left; on the
// right, the rule builder with the live count shown big and a preview of
// the matching contacts.
import { Filter, Loader2, Plus, Save, Trash2, Users } from 'lucide-react';
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useT } from '../../i18n/useT';
import { useContactsNav } from '../../stores/contactsNav';
import { useContactProfile } from '../../stores/contactsProfile';
import { countRules, useSegments } from '../../stores/contactsSegments';
import { useContactsTable } from '../../stores/contactsTable';
import { toast } from '../../stores/toasts';
import { BigCount, TempChip } from './bits';
import { formatNumber, fullName, plural, segmentProblem } from './labels';
import { RuleBuilder } from './RuleBuilder';
import { msg } from '../../i18n/message';

export function SegmentsTab() {
  const { t, lang } = useT();
  const segments = useSegments((s) => s.segments);
  const counts = useSegments((s) => s.counts);
  const status = useSegments((s) => s.listStatus);
  const listError = useSegments((s) => s.listError);
  const draft = useSegments((s) => s.draft);

  useEffect(() => {
    void useSegments.getState().loadOperators();
    void useSegments.getState().loadList();
  }, []);

  return (
    <div className="fp-ct-segments">
      <aside className="fp-ct-seglist" aria-label={t('contacts.seg.title')}>
        <div className="fp-ct-seglist-head">
          <h2>{t('contacts.seg.title')}</h2>
          <button type="button" className="fp-btn fp-btn-primary fp-btn-small" onClick={() => useSegments.getState().newSegment()} data-testid="new-segment">
            <Plus size={14} aria-hidden="true" />
            {t('contacts.seg.new')}
          </button>
        </div>
        {listError && <p className="fp-field-error fp-ct-pad">{listError}</p>}
        {status === 'ready' && segments.length === 0 && <p className="fp-muted fp-small fp-ct-pad">{t('contacts.seg.empty')}</p>}
        <ul>
          {segments.map((s) => {
            const n = s.id ? counts[s.id] : undefined;
            return (
              <li key={s.id}>
                <button
                  type="button"
                  className={`fp-ct-segitem ${draft?.id === s.id ? 'is-active' : ''}`}
                  onClick={() => s.id && useSegments.getState().edit(s.id)}
                  data-testid={`segment-${s.id}`}
                >
                  <Filter size={14} aria-hidden="true" />
                  <span className="fp-ct-segname">{s.name || s.id}</span>
                  <span className="fp-ct-segcount" data-testid={`segment-count-${s.id}`}>
                    {n === undefined ? '…' : n === null ? '—' : formatNumber(n, lang)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </aside>
      {draft ? (
        <SegmentEditor />
      ) : (
        <div className="fp-centre fp-ct-fill">
          <div className="fp-empty">
            <h2>{t('contacts.seg.pickTitle')}</h2>
            <p>{t('contacts.seg.pick')}</p>
          </div>
        </div>
      )}
    </div>
  );
}

function SegmentEditor() {
  const { t, lang } = useT();
  const draft = useSegments((s) => s.draft);
  const dirty = useSegments((s) => s.dirty);
  const live = useSegments((s) => s.live);
  const saving = useSegments((s) => s.saving);
  const saveError = useSegments((s) => s.saveError);
  const nameMissing = useSegments((s) => s.nameMissing);
  const [confirm, setConfirm] = useState(false);
  if (!draft) return null;
  const seg = useSegments.getState;

  const save = async () => {
    if (await seg().save()) toast('success', msg('contacts.seg.saved', { name: seg().draft?.name ?? '' }), 'contacts-segment');
  };
  const showContacts = () => {
    if (!draft.id) return;
    const table = useContactsTable.getState();
    table.clearFilters();
    table.setFilter('segment', draft.id);
    useContactsNav.getState().go('people');
  };

  const counting = live.status === 'counting' || live.status === 'idle';
  const rules = countRules(draft.root);

  return (
    <div className="fp-ct-segedit" data-testid="segment-editor">
      <div className="fp-ct-segedit-main">
        <div className="fp-ct-segedit-head">
          <label className="fp-ct-field fp-ct-grow">
            <span>{t('contacts.seg.name')}</span>
            <input
              className="fp-input fp-ct-segname-input"
              value={draft.name}
              placeholder={t('contacts.seg.namePlaceholder')}
              aria-invalid={nameMissing}
              onChange={(e) => seg().setName(e.target.value)}
              data-testid="segment-name"
            />
            {nameMissing && <small className="fp-field-error">{t('contacts.seg.nameMissing')}</small>}
          </label>
          <div className="fp-row fp-ct-segedit-actions">
            {dirty && <span className="fp-status is-dirty">{t('contacts.seg.unsaved')}</span>}
            <button type="button" className="fp-btn fp-btn-primary" onClick={() => void save()} disabled={saving} data-testid="segment-save">
              <Save size={14} aria-hidden="true" />
              {t('common.save')}
            </button>
            {draft.id && (
              <button type="button" className="fp-btn fp-btn-ghost" onClick={() => setConfirm(true)} data-testid="segment-delete" title={t('common.delete')}>
                <Trash2 size={14} aria-hidden="true" />
                {t('common.delete')}
              </button>
            )}
          </div>
        </div>
        {saveError && (
          <p className="fp-field-error" role="alert" data-testid="segment-save-error">
            {t('contacts.seg.notSaved', { message: saveError })}
          </p>
        )}
        <RuleBuilder />
      </div>
      <aside className="fp-ct-segedit-side">
        <div className={`fp-ct-card fp-ct-live ${live.status === 'error' ? 'is-error' : ''}`} aria-live="polite">
          <BigCount
            testId="segment-live-count"
            value={live.count === null ? (counting ? '…' : '—') : formatNumber(live.count, lang)}
            caption={live.count === null ? (counting ? t('contacts.seg.counting') : t('contacts.seg.cannotCount')) : plural(t, live.count, 'contacts.seg.liveOne', 'contacts.seg.live')}
          />
          {counting && live.count !== null && <Loader2 size={14} className="fp-spin fp-ct-live-spin" aria-label={t('contacts.seg.counting')} />}
          {rules === 0 && <p className="fp-muted fp-small">{t('contacts.seg.everyone')}</p>}
          {live.status === 'error' && live.error && Object.keys(live.ruleErrors).length + Object.keys(live.groupErrors).length === 0 && (
            <p className="fp-field-error" data-testid="segment-error">
              {segmentProblem(t, live.error)}
            </p>
          )}
          {draft.id && !dirty && (
            <button type="button" className="fp-btn fp-btn-small" onClick={showContacts} data-testid="segment-show-contacts">
              <Users size={14} aria-hidden="true" />
              {t('contacts.seg.showContacts')}
            </button>
          )}
        </div>
        <div className="fp-ct-card fp-ct-preview">
          <h3>{t('contacts.seg.preview')}</h3>
          {live.preview.length === 0 ? (
            <p className="fp-muted fp-small">{live.count === 0 ? t('contacts.seg.previewEmpty') : '…'}</p>
          ) : (
            <ul data-testid="segment-preview">
              {live.preview.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    className="fp-ct-previewitem"
                    onClick={() => {
                      useContactsNav.getState().go('people');
                      void useContactProfile.getState().open(c.id);
                    }}
                  >
                    <span className="fp-ct-preview-name">{fullName(c.identity?.first_name, c.identity?.last_name) || c.email}</span>
                    <span className="fp-muted fp-small">{c.email}</span>
                    <TempChip temperature={c.temperature} />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </aside>
      {confirm && draft.id && (
        <ConfirmDialog
          title={t('contacts.seg.deleteTitle', { name: draft.name || draft.id })}
          body={t('contacts.seg.deleteBody')}
          confirm={t('common.delete')}
          onCancel={() => setConfirm(false)}
          onConfirm={() => {
            setConfirm(false);
            if (draft.id) void seg().remove(draft.id);
          }}
        />
      )}
    </div>
  );
}
