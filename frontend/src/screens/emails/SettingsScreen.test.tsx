import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSettings } from '../../stores/settings';
import { resetAll } from '../../test/helpers';
import { curlExample, SettingsScreen } from './SettingsScreen';
import { resetEmailsScreens, type FakeEmailsApi } from './testing';

let api: FakeEmailsApi;

beforeEach(() => {
  resetAll();
  api = resetEmailsScreens();
});

describe('settings screen', () => {
  it('checks the form as the user types and refuses to save with errors', async () => {
    render(<SettingsScreen />);
    await screen.findByTestId('settings-sending');
    fireEvent.click(screen.getByTestId('settings-mode-relay').querySelector('input')!);
    fireEvent.change(screen.getByTestId('settings-host'), { target: { value: 'http://smtp.example.com' } });
    expect(screen.getByTestId('settings-host-error')).toHaveTextContent('Only the server name');
    expect(screen.getByTestId('settings-host')).toHaveAttribute('aria-invalid', 'true');
    fireEvent.change(screen.getByTestId('settings-from'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect(await screen.findByTestId('settings-from-error')).toHaveTextContent('Enter the sender');
    expect(screen.getByText(/2 field\(s\) to correct/)).toBeInTheDocument();
    expect(api.calls).not.toContain('setSending');

    fireEvent.change(screen.getByTestId('settings-host'), { target: { value: 'smtp.example.com' } });
    fireEvent.change(screen.getByTestId('settings-from'), { target: { value: 'hello@acme.com' } });
    expect(screen.queryByTestId('settings-host-error')).toBeNull();
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-status')).toHaveTextContent('Settings saved'));
    expect(api.sending.relay?.host).toBe('smtp.example.com');
  });

  it('shows exactly what failed when testing the relay', async () => {
    render(<SettingsScreen />);
    await screen.findByTestId('settings-sending');
    fireEvent.click(screen.getByTestId('settings-mode-relay').querySelector('input')!);
    fireEvent.change(screen.getByTestId('settings-host'), { target: { value: 'no-such-relay.invalid' } });
    fireEvent.click(screen.getByTestId('settings-test-relay'));
    const box = await screen.findByTestId('relay-test-failed');
    expect(box).toHaveAttribute('data-stage', 'dns');
    expect(box).toHaveTextContent('The server name was not found (DNS)');
    expect(box).toHaveTextContent('cannot resolve "no-such-relay.invalid"');
  });

  it('shows the engine’s addresses, a hidden token and the outbox, in French too', async () => {
    render(<SettingsScreen />);
    expect(await screen.findByTestId('engine-http')).toHaveTextContent('http://127.0.0.1:47800');
    expect(screen.getByTestId('engine-token')).not.toHaveTextContent('tok123');
    expect(screen.getByTestId('engine-curl')).toHaveTextContent('Bearer <token>');
    expect(screen.getByTestId('outbox')).toHaveTextContent('3 sent');
    fireEvent.click(screen.getByTestId('settings-lang-fr'));
    await waitFor(() => expect(screen.getByText('Réglages')).toBeInTheDocument());
    expect(useSettings.getState().lang).toBe('fr');
    expect(screen.getByTestId('outbox')).toHaveTextContent('3 envoyés');
  });

  it('writes a curl command for a website form', () => {
    expect(curlExample('127.0.0.1:47800', 'abc')).toContain('curl -X POST http://127.0.0.1:47800/events');
    expect(curlExample('127.0.0.1:47800', 'abc')).toContain('Authorization: Bearer abc');
  });
});
