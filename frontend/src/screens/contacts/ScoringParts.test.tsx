import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useScoring } from '../../stores/contactsScoring';
import { chartPath, HotLeadRecipeCard, ScoringPreviewCard, ThresholdsCard } from './ScoringParts';
import { resetContacts, settle, type FakeContactsApi } from './test/fakeApi';

let api: FakeContactsApi;

beforeEach(() => {
  api = resetContacts(0);
});

describe('scoring screen parts', () => {
  it('draws a cumulative series from the bottom left to the top right', () => {
    expect(chartPath([0, 5, 10], 10, 100, 50)).toBe('0.0,50.0 50.0,25.0 100.0,0.0');
    expect(chartPath([], 10, 100, 50)).toBe('');
  });

  it('refuses a warm threshold at or above the hot one, in words', async () => {
    render(<ThresholdsCard />);
    fireEvent.change(screen.getByTestId('threshold-warm'), { target: { value: '80' } });
    expect(useScoring.getState().thresholds).toEqual({ warm: 80, hot: 60 });
    expect(screen.getByRole('alert')).toHaveTextContent('The warm threshold must be below the hot one.');
  });

  it('simulates on a click and shows the counts and two lines', async () => {
    render(<ScoringPreviewCard />);
    fireEvent.click(screen.getByTestId('preview-run'));
    await act(settle);
    expect(screen.getByTestId('preview-result')).toHaveTextContent('Out of 1,000 contacts, 120 would become warm and 40 would become hot.');
    expect(screen.getByTestId('preview-result').querySelectorAll('polyline')).toHaveLength(2);
    expect(vi.mocked(api.previewScoring).mock.calls[0][0]).toMatchObject({ days: 30, preset: 'saas-trial', real_contacts: false });
  });

  it('sets up the recipe for a teammate and then shows the live funnel', async () => {
    render(<HotLeadRecipeCard />);
    expect(screen.getByTestId('recipe-create')).toBeEnabled();
    fireEvent.click(screen.getByTestId('recipe-teammate'));
    expect(screen.getByTestId('recipe-create')).toBeDisabled(); // no address yet
    fireEvent.change(screen.getByTestId('recipe-teammate-email'), { target: { value: 'sales@example.com' } });
    vi.mocked(api.hotLeadFunnels).mockResolvedValueOnce([{ id: 'when-a-lead-gets-hot', name: 'When a lead gets hot', published: true }]);
    fireEvent.click(screen.getByTestId('recipe-create'));
    await act(settle);
    expect(vi.mocked(api.createHotLeadFunnel).mock.calls[0][0]).toMatchObject({ alert_to: 'sales@example.com', tag: 'MQL', stage: 'mql' });
    expect(screen.getByTestId('recipe-funnel')).toHaveTextContent('Set up: “When a lead gets hot” is live.');
    expect(screen.queryByTestId('recipe-create')).toBeNull();
  });
});
