// The parts of the lead-scoring screen around the rules: the warm and hot
// thresholds, the simulated preview of who would cross them, and the
// "when a lead gets hot" recipe.
import { CircleAlert, CircleCheck, Flame, Play } from 'lucide-react';
import { tx } from '../../i18n/dict';
import { useSimName } from '../../i18n/simNames';
import { useT } from '../../i18n/useT';
import { useCatalogue } from '../../stores/catalogue';
import { PREVIEW_DAYS, thresholdError, useScoring } from '../../stores/contactsScoring';
import { useEditor } from '../../features/funnel/stores/editor';
import { useFlows } from '../../features/funnel/stores/flows';
import { useNav } from '../../stores/nav';
import { formatNumber } from './labels';

/** AUDIENCES are the preview's audiences: the workspace's contacts, then the simulator's presets. */
export const AUDIENCES = ['real', 'saas-trial', 'cold-b2b', 'engaged-subscribers', 'ecommerce-newsletter'];

export function ThresholdsCard() {
  const { t } = useT();
  const th = useScoring((s) => s.thresholds);
  const bad = thresholdError(th);
  const set = useScoring.getState().setThresholds;
  return (
    <section className="fp-ct-card" data-testid="scoring-thresholds">
      <h3>{t('contacts.scoring.thresholds')}</h3>
      <p className="fp-muted fp-small">{t('contacts.scoring.thresholds.help')}</p>
      <div className="fp-row fp-ct-wrap fp-sc-ladder">
        <span className="fp-sc-band is-cold">{t('contacts.scoring.cold')}</span>
        <label className="fp-row">
          <span className="fp-sc-band is-warm">{t('contacts.scoring.warm')}</span>
          <span className="fp-unit">{t('contacts.scoring.thresholds.warm')}</span>
          <input
            className="fp-input fp-input-number fp-ct-small-num"
            type="number"
            min={1}
            value={th.warm}
            onChange={(e) => set({ warm: Number(e.target.value) })}
            aria-label={t('contacts.scoring.thresholds.warm')}
            aria-invalid={bad !== null}
            data-testid="threshold-warm"
          />
          <span className="fp-unit">{t('contacts.scoring.points')}</span>
        </label>
        <label className="fp-row">
          <span className="fp-sc-band is-hot">{t('contacts.scoring.hot')}</span>
          <span className="fp-unit">{t('contacts.scoring.thresholds.hot')}</span>
          <input
            className="fp-input fp-input-number fp-ct-small-num"
            type="number"
            min={1}
            value={th.hot}
            onChange={(e) => set({ hot: Number(e.target.value) })}
            aria-label={t('contacts.scoring.thresholds.hot')}
            aria-invalid={bad !== null}
            data-testid="threshold-hot"
          />
          <span className="fp-unit">{t('contacts.scoring.points')}</span>
        </label>
      </div>
      {bad && (
        <p className="fp-field-error" role="alert">
          <CircleAlert size={12} aria-hidden="true" /> {t(bad)}
        </p>
      )}
    </section>
  );
}

/** chartPath is the SVG polyline points of a cumulative series in a w×h box scaled to max. */
export function chartPath(series: number[], max: number, w: number, h: number): string {
  if (series.length === 0) return '';
  const step = series.length > 1 ? w / (series.length - 1) : 0;
  const m = Math.max(max, 1);
  return series.map((v, i) => `${(i * step).toFixed(1)},${(h - (v / m) * h).toFixed(1)}`).join(' ');
}

export function ScoringPreviewCard() {
  const { t, lang } = useT();
  const sn = useSimName();
  const preview = useScoring((s) => s.preview);
  const previewing = useScoring((s) => s.previewing);
  const error = useScoring((s) => s.previewError);
  const audience = useScoring((s) => s.audience);
  const th = useScoring((s) => s.thresholds);
  const sc = useScoring.getState;
  const W = 300;
  const H = 72;
  const max = preview ? Math.max(preview.warm, preview.hot) : 0;
  return (
    <section className="fp-ct-card" data-testid="scoring-preview">
      <h3>{t('contacts.scoring.preview')}</h3>
      <p className="fp-muted fp-small">{t('contacts.scoring.preview.help')}</p>
      <div className="fp-row fp-ct-wrap">
        <label className="fp-row">
          <span className="fp-unit">{t('contacts.scoring.preview.audience')}</span>
          <select className="fp-input" value={audience} onChange={(e) => sc().setAudience(e.target.value)} data-testid="preview-audience">
            {AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {sn.audience(a)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="fp-btn fp-btn-small" onClick={() => void sc().runPreview()} disabled={previewing || thresholdError(th) !== null} data-testid="preview-run">
          <Play size={13} aria-hidden="true" />
          {previewing ? t('contacts.scoring.preview.running') : t('contacts.scoring.preview.run')}
        </button>
      </div>
      {error && (
        <p className="fp-field-error" role="alert" data-testid="preview-error">
          <CircleAlert size={12} aria-hidden="true" /> {error}
        </p>
      )}
      {preview && (
        <div className="fp-sc-preview" data-testid="preview-result">
          <p>
            {t('contacts.scoring.preview.result', {
              contacts: formatNumber(preview.contacts, lang),
              warm: formatNumber(preview.warm, lang),
              hot: formatNumber(preview.hot, lang),
            })}
          </p>
          {preview.real_contacts && (
            <p className="fp-muted fp-small">
              {t('contacts.scoring.preview.already', { warm: formatNumber(preview.already_warm, lang), hot: formatNumber(preview.already_hot, lang) })}{' '}
              {t('contacts.scoring.preview.behaviour')}
            </p>
          )}
          <svg className="fp-sc-chart" viewBox={`-2 -4 ${W + 4} ${H + 8}`} role="img" aria-label={t('contacts.scoring.preview.chart')}>
            <title>{t('contacts.scoring.preview.chart')}</title>
            <line x1={0} y1={H} x2={W} y2={H} className="fp-sc-axis" />
            <polyline points={chartPath(preview.warm_by_day, max, W, H)} className="fp-sc-line is-warm" />
            <polyline points={chartPath(preview.hot_by_day, max, W, H)} className="fp-sc-line is-hot" />
          </svg>
          <div className="fp-row fp-small fp-muted fp-sc-legend">
            <span className="fp-sc-band is-warm">{t('contacts.scoring.warm')}</span>
            <span className="fp-sc-band is-hot">{t('contacts.scoring.hot')}</span>
            <span className="fp-spacer" />
            <span>{t('contacts.scoring.preview.day', { day: 1 })}</span>
            <span>→</span>
            <span>{t('contacts.scoring.preview.day', { day: PREVIEW_DAYS })}</span>
          </div>
        </div>
      )}
    </section>
  );
}

function openFunnel(id: string) {
  void useFlows.getState().load();
  useNav.getState().go('funnels');
  void useEditor.getState().open(id);
}

export function HotLeadRecipeCard() {
  const { t, lang } = useT();
  const funnels = useScoring((s) => s.hotFunnels);
  const recipe = useScoring((s) => s.recipe);
  const busy = useScoring((s) => s.recipeBusy);
  const error = useScoring((s) => s.recipeError);
  const stageSpec = useCatalogue((s) => s.byType['action.set_stage']);
  const stages = stageSpec?.fields.find((f) => f.name === 'stage')?.options ?? [];
  const sc = useScoring.getState;
  const showForm = funnels.length === 0;
  return (
    <section className="fp-ct-card" data-testid="scoring-recipe">
      <h3 className="fp-row">
        <Flame size={16} aria-hidden="true" className="fp-sc-flame" />
        {t('contacts.scoring.recipe')}
      </h3>
      <p className="fp-muted fp-small">{t('contacts.scoring.recipe.help')}</p>
      {funnels.map((f) => (
        <p key={f.id} className={`fp-ct-note ${f.published ? 'is-success' : ''}`} role="status" data-testid="recipe-funnel">
          <CircleCheck size={13} aria-hidden="true" /> {f.published ? t('contacts.scoring.recipe.done', { name: f.name }) : t('contacts.scoring.recipe.draft', { name: f.name })}{' '}
          <button type="button" className="fp-btn fp-btn-ghost fp-btn-small" onClick={() => openFunnel(f.id)} data-testid="recipe-open">
            {t('contacts.scoring.recipe.open')}
          </button>
        </p>
      ))}
      {showForm && (
        <div className="fp-sc-recipe">
          <div className="fp-row fp-ct-wrap">
            <span className="fp-unit">{t('contacts.scoring.recipe.alert')}</span>
            <label className="fp-ct-radio fp-row">
              <input type="radio" name="recipe-alert" checked={recipe.alert === 'owner'} onChange={() => sc().setRecipe({ alert: 'owner' })} data-testid="recipe-owner" />
              {t('contacts.scoring.recipe.owner')}
            </label>
            <label className="fp-ct-radio fp-row">
              <input type="radio" name="recipe-alert" checked={recipe.alert === 'teammate'} onChange={() => sc().setRecipe({ alert: 'teammate' })} data-testid="recipe-teammate" />
              {t('contacts.scoring.recipe.teammate')}
            </label>
            {recipe.alert === 'teammate' && (
              <input
                className="fp-input fp-ct-value"
                type="email"
                value={recipe.teammate}
                placeholder="sales@example.com"
                onChange={(e) => sc().setRecipe({ teammate: e.target.value })}
                aria-label={t('contacts.scoring.recipe.teammateEmail')}
                data-testid="recipe-teammate-email"
              />
            )}
          </div>
          <div className="fp-row fp-ct-wrap">
            <label className="fp-row">
              <span className="fp-unit">{t('contacts.scoring.recipe.tag')}</span>
              <input className="fp-input fp-ct-value" value={recipe.tag} onChange={(e) => sc().setRecipe({ tag: e.target.value })} data-testid="recipe-tag" />
            </label>
            <label className="fp-row">
              <span className="fp-unit">{t('contacts.scoring.recipe.stage')}</span>
              <select className="fp-input" value={recipe.stage} onChange={(e) => sc().setRecipe({ stage: e.target.value })} data-testid="recipe-stage">
                <option value="">{t('contacts.scoring.recipe.noStage')}</option>
                {stages.map((o) => (
                  <option key={o.value} value={o.value}>
                    {tx(o.label, lang)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <button
            type="button"
            className="fp-btn fp-btn-primary fp-btn-small"
            disabled={busy || (recipe.alert === 'teammate' && !recipe.teammate.includes('@'))}
            onClick={() => void sc().createRecipe(t('contacts.scoring.recipe.name'))}
            data-testid="recipe-create"
          >
            <Flame size={13} aria-hidden="true" />
            {busy ? t('contacts.scoring.recipe.creating') : t('contacts.scoring.recipe.create')}
          </button>
        </div>
      )}
      {error && (
        <p className="fp-field-error" role="alert" data-testid="recipe-error">
          <CircleAlert size={12} aria-hidden="true" /> {t('contacts.scoring.recipe.failed', { message: error })}
        </p>
      )}
    </section>
  );
}
