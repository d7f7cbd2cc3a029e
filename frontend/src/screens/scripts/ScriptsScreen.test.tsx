import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useScripts } from '../../stores/scripts';
import { resetAll } from '../../test/helpers';
import { ScriptsScreen } from './ScriptsScreen';
import { resetScriptsScreen, type FakeScriptsApi } from './testing';

let api: FakeScriptsApi;

// The code editor measures text ranges, which jsdom does not lay out.
beforeAll(() => {
  const empty = { length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] } as unknown as DOMRectList;
  Range.prototype.getClientRects ??= () => empty;
  Range.prototype.getBoundingClientRect ??= () => new DOMRect();
});

beforeEach(() => {
  resetAll();
  api = resetScriptsScreen();
});

describe('a rule switched off for failing', () => {
  it('says so in the list and the editor, and can be switched back on', async () => {
    api.switchedOff.set('hot_lead', {
      reason: 'script "hot_lead": line 2: string too long: a string of 9.0 MiB exceeds the 8 MiB limit',
      failures: 5,
      at: '2026-03-02T09:00:00Z',
    });
    render(<ScriptsScreen />);
    const note = await screen.findByTestId('script-off-note');
    expect(note).toHaveTextContent('switched off after it failed 5 times in a row');
    expect(note).toHaveTextContent('string too long');
    expect(screen.getByTestId('script-off-badge')).toHaveTextContent('switched off');

    fireEvent.click(screen.getByTestId('script-switch-on'));
    await waitFor(() => expect(screen.queryByTestId('script-off-note')).toBeNull());
    expect(api.calls).toContain('switchOn');
    expect(screen.queryByTestId('script-off-badge')).toBeNull();
    expect(useScripts.getState().scripts.every((s) => !s.switched_off)).toBe(true);
  });

  it('shows nothing for a rule that runs', async () => {
    render(<ScriptsScreen />);
    await screen.findByTestId('script-editor');
    expect(screen.queryByTestId('script-off-note')).toBeNull();
  });
});
