// Small pieces shared by the contacts tabs.
import { Flame, Snowflake, Sun } from 'lucide-react';
import { useT } from '../../i18n/useT';
import { formatScore, temperatureLabel } from './labels';

/** TempChip shows a temperature: cold, warm or hot. */
export function TempChip({ temperature }: { temperature: string }) {
  const { t } = useT();
  if (!temperature) return null;
  const Icon = temperature === 'hot' ? Flame : temperature === 'warm' ? Sun : Snowflake;
  return (
    <span className={`fp-ct-temp is-${temperature}`} data-testid={`temp-${temperature}`}>
      <Icon size={11} aria-hidden="true" />
      {temperatureLabel(t, temperature)}
    </span>
  );
}

/** ScoreCell shows a score with its temperature chip. */
export function ScoreWithTemp({ score, temperature }: { score: number; temperature: string }) {
  return (
    <span className="fp-ct-score">
      <span className="fp-ct-score-n">{formatScore(score)}</span>
      <TempChip temperature={temperature} />
    </span>
  );
}

/** Chips shows names (lists, tags) as chips, or a dash. */
export function Chips({ items, empty }: { items: string[] | null | undefined; empty: string }) {
  if (!items || items.length === 0) return <span className="fp-muted">{empty}</span>;
  return (
    <span className="fp-ct-chips">
      {items.map((x) => (
        <span key={x} className="fp-ct-chip">
          {x}
        </span>
      ))}
    </span>
  );
}

/** BigCount shows a number large, with its caption. */
export function BigCount({ value, caption, testId }: { value: string; caption: string; testId?: string }) {
  return (
    <div className="fp-ct-big">
      <span className="fp-ct-big-n" data-testid={testId}>
        {value}
      </span>
      <span className="fp-ct-big-caption">{caption}</span>
    </div>
  );
}
