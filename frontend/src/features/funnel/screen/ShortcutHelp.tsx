// The keyboard shortcuts of the canvas, opened with "?".
import { Modal } from '../../../components/Modal';
import type { MessageKey } from '../../../i18n/dict';
import { useT } from '../../../i18n/useT';
import { useFunnelUi } from './ui';

/** SHORTCUTS lists the keys and what they do, in the order shown. */
export const SHORTCUTS: { keys: string[]; what: MessageKey }[] = [
  { keys: ['↑ ↓ ← →'], what: 'keys.arrows' },
  { keys: ['Home', 'End'], what: 'keys.homeEnd' },
  { keys: ['Enter'], what: 'keys.enter' },
  { keys: ['A'], what: 'keys.addNext' },
  { keys: ['L'], what: 'keys.link' },
  { keys: ['Ctrl', 'F'], what: 'keys.find' },
  { keys: ['Ctrl', 'S'], what: 'keys.save' },
  { keys: ['Ctrl', 'Z'], what: 'keys.undo' },
  { keys: ['Ctrl', 'Shift', 'Z'], what: 'keys.redo' },
  { keys: ['Ctrl', 'C'], what: 'keys.copy' },
  { keys: ['Ctrl', 'V'], what: 'keys.paste' },
  { keys: ['Ctrl', 'D'], what: 'keys.duplicate' },
  { keys: ['Ctrl', 'A'], what: 'keys.selectAll' },
  { keys: ['Ctrl', 'G'], what: 'keys.group' },
  { keys: ['Delete'], what: 'keys.delete' },
  { keys: ['Shift', 'drag'], what: 'keys.boxSelect' },
  { keys: ['Ctrl', 'click'], what: 'keys.addToSelection' },
  { keys: ['drag'], what: 'keys.pan' },
  { keys: ['wheel'], what: 'keys.zoom' },
  { keys: ['?'], what: 'keys.help' },
  { keys: ['Esc'], what: 'keys.close' },
];

/** KEYCAPS_FR are the French names printed on the keys (« Suppr », « Entrée »…). */
const KEYCAPS_FR: Record<string, string> = { Delete: 'Suppr', Enter: 'Entrée', Esc: 'Échap', Shift: 'Maj', Home: 'Début', End: 'Fin' };

export function ShortcutHelp() {
  const { t, lang } = useT();
  const close = useFunnelUi((s) => s.close);
  return (
    <Modal title={t('keys.title')} onClose={close} testId="shortcut-help">
      <table className="fp-keys">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={i}>
                    {i > 0 && (s.what === 'keys.homeEnd' ? ' / ' : ' + ')}
                    <kbd>{k === 'drag' || k === 'click' || k === 'wheel' ? t(`keys.${k}` as MessageKey) : lang === 'fr' ? (KEYCAPS_FR[k] ?? k) : k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(s.what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
