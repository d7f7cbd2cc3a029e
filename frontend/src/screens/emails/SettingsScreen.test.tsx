import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSettings } from '../../stores/settings';
import { fakeSettings, resetAll } from '../../test/helpers';
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
    // The live engine takes a saved relay at once (engine.SettingsSaved):
    // the note once sent the marketer to restart the app for nothing.
    expect(screen.getByTestId('settings-relay')).toHaveTextContent('used as soon as you save');
    expect(screen.getByTestId('settings-relay')).not.toHaveTextContent(/next time Flightplan starts/);
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

  it('shows the other workspace settings by group and saves a switch at once', async () => {
    render(<SettingsScreen />);
    const item = await screen.findByTestId('setting-stage_backwards');
    expect(item).toHaveTextContent('Let a contact’s stage go back');
    expect(screen.getByTestId('settings-group-contacts')).toContainElement(item);
    // Settings other cards edit are not shown twice; the key never shows.
    expect(screen.queryByTestId('setting-language')).toBeNull();
    expect(screen.queryByTestId('setting-cap_per_day')).toBeNull();
    expect(screen.queryByTestId('setting-intake_token')).toBeNull();
    expect(screen.getByTestId('settings-group-contacts')).not.toHaveTextContent('stage_backwards');
    const sw = screen.getByTestId('setting-stage_backwards-input');
    expect(sw).not.toBeChecked();
    fireEvent.click(sw);
    await waitFor(() => expect(screen.getByTestId('setting-stage_backwards-input')).toBeChecked());
    expect(fakeSettings.calls).toEqual([{ stage_backwards: 'true' }]);
    expect(screen.getByTestId('setting-stage_backwards')).toHaveTextContent('On');
  });

  it('shows the engine’s refusal under a text setting, and saves a good value', async () => {
    render(<SettingsScreen />);
    const input = await screen.findByTestId('setting-public_host-input');
    expect(screen.getByTestId('setting-public_host-save')).toBeDisabled();
    fireEvent.change(input, { target: { value: 'https://shop.example.com' } });
    fireEvent.click(screen.getByTestId('setting-public_host-save'));
    expect(await screen.findByTestId('setting-public_host-error')).toHaveTextContent('Public names of this computer: "https://shop.example.com" is not a host name');
    fireEvent.change(input, { target: { value: 'shop.example.com' } });
    fireEvent.click(screen.getByTestId('setting-public_host-save'));
    await screen.findByTestId('setting-public_host-saved');
    expect(screen.queryByTestId('setting-public_host-error')).toBeNull();
    expect(fakeSettings.list_.find((e) => e.key === 'public_host')?.value).toBe('shop.example.com');
  });

  it('says where a setting edited elsewhere is changed, and why one cannot be', async () => {
    useSettings.setState({ lang: 'fr' });
    render(<SettingsScreen />);
    expect(await screen.findByTestId('setting-score_decay-where')).toHaveTextContent('Se modifie dans Contacts → Score.');
    expect(screen.getByTestId('setting-tracking_key-where')).toHaveTextContent('Ne peut pas être changé : elle signe les liens');
    expect(screen.getByTestId('setting-tracking_key')).toHaveTextContent('••••••••');
    expect(screen.queryByTestId('setting-tracking_key-input')).toBeNull();
    expect(screen.getByTestId('settings-group-contacts')).toHaveTextContent('Permettre à l’étape du cycle d’un contact de reculer');
  });
});
