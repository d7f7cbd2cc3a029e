import { beforeEach, describe, expect, it } from 'vitest';
import { resetEmailsScreens, type FakeEmailsApi } from '../screens/emails/testing';
import { resetAll } from '../test/helpers';
import { addressOf, formFromSettings, isSendingDirty, relayStage, settingsOf, useSending, validateSending, type SendingForm } from './emailsSending';

let api: FakeEmailsApi;

beforeEach(() => {
  resetAll();
  api = resetEmailsScreens();
});

const base: SendingForm = formFromSettings({
  relay: null,
  from: 'Acme <hello@acme.com>',
  cap_per_day: 0,
  cap_per_week: 0,
  quiet_from: '',
  quiet_to: '',
  temperature_warm: 30,
  temperature_hot: 60,
});
const relay: SendingForm = { ...base, mode: 'relay', host: 'smtp.example.com', port: '587' };

describe('sending form validation', () => {
  it.each<[string, Partial<SendingForm>, Record<string, string>]>([
    ['a valid offline form', {}, {}],
    ['a valid relay', { ...relay }, {}],
    ['no sender', { from: ' ' }, { from: 'settings.err.fromRequired' }],
    ['a sender that is not an address', { from: 'Acme <acme>' }, { from: 'settings.err.fromInvalid' }],
    ['a relay without host', { ...relay, host: '' }, { host: 'settings.err.hostRequired' }],
    ['a host written as a URL', { ...relay, host: 'https://smtp.example.com' }, { host: 'settings.err.hostInvalid' }],
    ['a port out of range', { ...relay, port: '70000' }, { port: 'settings.err.port' }],
    ['a port that is not a number', { ...relay, port: '58a' }, { port: 'settings.err.port' }],
    ['a password in clear to a remote server', { ...relay, security: 'none', username: 'u', password: 'p' }, { security: 'settings.err.cleartext' }],
    ['a user without password', { ...relay, username: 'u' }, { password: 'settings.err.passwordRequired' }],
    ['a negative rate', { ...relay, per_hour: '-1' }, { per_hour: 'settings.err.wholeNumber' }],
    ['a fractional cap', { cap_per_day: '1.5' }, { cap_per_day: 'settings.err.wholeNumber' }],
    ['a weekly cap below the daily one', { cap_per_day: '3', cap_per_week: '2' }, { cap_per_week: 'settings.err.weekBelowDay' }],
    ['half quiet hours', { quiet_from: '21:00' }, { quiet_to: 'settings.err.quietBoth' }],
    ['a bad time', { quiet_from: '25:00', quiet_to: '08:00' }, { quiet_from: 'settings.err.time' }],
    ['hot not above warm', { warm: '60', hot: '60' }, { hot: 'settings.err.hotAboveWarm' }],
    ['a threshold that is not a number', { warm: 'ten' }, { warm: 'settings.err.number' }],
  ])('%s', (_name, patch, want) => {
    expect(validateSending({ ...base, ...patch })).toEqual(want);
  });

  it('ignores the relay fields in offline mode', () => {
    expect(validateSending({ ...base, host: '', port: 'x' })).toEqual({});
  });
});

describe('sending settings conversion', () => {
  it('round-trips the stored settings and builds the relay profile', () => {
    const f: SendingForm = { ...relay, username: 'me', password: 'pw', auth_method: 'login', per_second: '5', cap_per_day: '2', quiet_from: '21:00', quiet_to: '08:00' };
    const s = settingsOf(f, { name: 'old', host: 'x', port: 1, security: 'tls', from: 'a@b.c', timeout_seconds: 12 });
    expect(s).toEqual({
      relay: {
        name: 'smtp.example.com',
        host: 'smtp.example.com',
        port: 587,
        security: 'starttls',
        username: 'me',
        password: 'pw',
        auth_method: 'login',
        from: 'hello@acme.com',
        timeout_seconds: 12,
        per_second: 5,
        per_hour: 0,
      },
      from: 'Acme <hello@acme.com>',
      cap_per_day: 2,
      cap_per_week: 0,
      quiet_from: '21:00',
      quiet_to: '08:00',
      temperature_warm: 30,
      temperature_hot: 60,
    });
    expect(formFromSettings(s)).toMatchObject({ mode: 'relay', host: 'smtp.example.com', port: '587', username: 'me', cap_per_day: '2' });
    expect(settingsOf(base).relay).toBeNull();
    expect(addressOf('Acme <hello@acme.com>')).toBe('hello@acme.com');
  });

  it('reads the stage an SMTP test failed at', () => {
    expect(relayStage('smtp profile "x": no-such.invalid:587: dns: cannot resolve "no-such.invalid"')).toBe('dns');
    expect(relayStage('smtp profile "x": 127.0.0.1:9: connect: dial tcp 127.0.0.1:9: connection refused')).toBe('connect');
    expect(relayStage('smtp profile "x": smtp.example.com:587: auth: 535 5.7.8 authentication failed')).toBe('auth');
    expect(relayStage('smtp profile "x": host is empty')).toBe('settings');
    expect(relayStage('context deadline exceeded')).toBe('unknown');
  });
});

describe('sending store', () => {
  const st = () => useSending.getState();

  it('does not save an invalid form and shows every error', async () => {
    await st().load();
    st().change({ warm: '90' });
    expect(st().errors).toEqual({ hot: 'settings.err.hotAboveWarm' });
    st().change({ from: 'nope' });
    expect(st().errors.from).toBe('settings.err.fromInvalid');
    st().change({ mode: 'relay' });
    expect(st().errors.host).toBeUndefined(); // not typed in yet
    expect(await st().save()).toBe(false);
    expect(st().errors).toEqual({ hot: 'settings.err.hotAboveWarm', from: 'settings.err.fromInvalid', host: 'settings.err.hostRequired' });
    expect(api.calls).not.toContain('setSending');
  });

  it('saves a valid form and marks it up to date', async () => {
    await st().load();
    st().change({ mode: 'relay', host: 'smtp.example.com', cap_per_day: '3' });
    expect(isSendingDirty(st())).toBe(true);
    expect(await st().save()).toBe(true);
    expect(isSendingDirty(st())).toBe(false);
    expect(api.sending.relay?.host).toBe('smtp.example.com');
    expect(api.sending.cap_per_day).toBe(3);
  });

  it('shows what the engine refused', async () => {
    await st().load();
    api.failNext('setSending', 'disk full');
    st().change({ cap_per_day: '1' });
    expect(await st().save()).toBe(false);
    expect(st().serverError).toBe('disk full');
  });

  it('tests the relay and says which stage failed', async () => {
    await st().load();
    st().change({ mode: 'relay', host: '' });
    await st().testRelay();
    expect(st().errors.host).toBe('settings.err.hostRequired');
    expect(api.calls).not.toContain('testRelay');
    st().change({ host: 'no-such-relay.invalid' });
    await st().testRelay();
    expect(st().test).toMatchObject({ ok: false, stage: 'dns' });
    st().change({ host: 'smtp.example.com' });
    expect(st().test).toBeNull(); // a changed relay needs a new test
    await st().testRelay();
    expect(st().test).toEqual({ ok: true });
  });
});
