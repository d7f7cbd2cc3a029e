// The "group into a frame" command, shared by the toolbar and Ctrl+G.
import { translate } from '../../../i18n/dict';
import { useSettings } from '../../../stores/settings';
import { toast } from '../../../stores/toasts';
import { useEditor } from '../stores/editor';
import { msg } from '../../../i18n/message';

/** groupSelected puts the selected steps in a new frame, named in place at once; with no step selected it says how to select some. */
export function groupSelected(): void {
  const lang = useSettings.getState().lang;
  if (useEditor.getState().groupIntoFrame(translate(lang, 'frame.defaultTitle')) === null) toast('info', msg('frame.groupNone'));
}
