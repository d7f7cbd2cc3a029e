// RefCombobox: a Combobox over the workspace's things of one kind (lists,
// tags, events…), named in the UI's language and kept current, for the
// screens outside the inspector (contacts import and add, segment rules,
// the script test panel).
import { useEffect, useMemo } from 'react';
import { useT } from '../i18n/useT';
import { NAME_KEYED, refOptions, useRefs, type RefFieldType } from '../stores/refs';
import { Combobox, type ComboCreate } from './Combobox';
import type { MessageKey } from '../i18n/dict';

export interface RefComboboxProps {
  kind: RefFieldType;
  id: string;
  value: string | undefined;
  onChange(key: string | undefined): void;
  placeholder?: string;
  ariaLabel?: string;
  inputTestId?: string;
  /** freeText: a new name may be typed (the import or the contact makes the list). */
  freeText?: boolean;
  invalid?: boolean;
  create?: ComboCreate;
}

export function RefCombobox(p: RefComboboxProps) {
  const { lang, t } = useT();
  const refs = useRefs((s) => s.refs);
  const ready = useRefs((s) => s.status === 'ready');
  const refresh = useRefs((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const options = useMemo(
    () =>
      refOptions(refs, p.kind, lang).map((o) => ({
        ...o,
        detail: o.count !== undefined ? (o.count === 1 ? t('ref.count.one') : t('ref.count', { count: o.count })) : p.kind === 'event_type' ? undefined : o.detail,
      })),
    [refs, p.kind, lang, t],
  );
  return (
    <Combobox
      id={p.id}
      value={p.value}
      options={options}
      ready={ready}
      onChange={p.onChange}
      onOpen={() => void refresh()}
      missingText={t(`ref.missing.${p.kind}` as MessageKey)}
      nameKeyed={NAME_KEYED.has(p.kind)}
      freeText={p.freeText}
      placeholder={p.placeholder}
      emptyText={t(options.length ? 'ref.empty' : 'ref.none')}
      invalid={p.invalid}
      create={p.create}
      ariaLabel={p.ariaLabel}
      inputTestId={p.inputTestId}
    />
  );
}
