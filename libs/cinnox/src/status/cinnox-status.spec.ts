import { afterEach, describe, expect, it, vi } from 'vitest';
import { CinnoxStatus } from './cinnox-status.js';

const on = (url = 'https://host.example/hook') => ({ enabled: true, url, updatedAt: new Date('2026-01-02T03:04:05Z') });
const off = { enabled: false, url: 'https://host.example/hook', updatedAt: new Date('2026-01-02T03:04:05Z') };
const routesOf = (...names: string[]) => names.map((name) => ({ hook: { name } }));

describe('CinnoxStatus', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('knows the enabled hooks in the order of their routes, and only the call hook without routes', () => {
    expect(new CinnoxStatus().hooks).toEqual(['call']);
    expect(new CinnoxStatus(routesOf('inquiry', 'call', 'label')).hooks).toEqual(['inquiry', 'call', 'label']);
  });

  it('keeps the last notification per hook: one hook heard leaves the others silent', () => {
    const status = new CinnoxStatus(routesOf('call', 'recording', 'inquiry'));
    expect(status.lastNotificationAt).toBeUndefined();
    expect(status.lastNotificationOf('call')).toBeUndefined();

    const first = new Date('2026-01-02T10:00:00Z');
    const second = new Date('2026-01-02T10:05:00Z');
    status.notified('recording', first);
    status.notified('call', second);

    expect(status.lastNotificationOf('recording')).toEqual(first);
    expect(status.lastNotificationOf('call')).toEqual(second);
    expect(status.lastNotificationOf('inquiry')).toBeUndefined();
    expect(status.lastNotificationAt).toEqual(second);

    // A later notification of one hook moves that hook and the overall time, nobody else's.
    const third = new Date('2026-01-02T10:07:00Z');
    status.notified('recording', third);
    expect(status.lastNotificationOf('recording')).toEqual(third);
    expect(status.lastNotificationOf('call')).toEqual(second);
    expect(status.lastNotificationAt).toEqual(third);
  });

  describe('without the lifecycle, activeSince', () => {
    it('starts at the first confirmation of enabled: true and is not moved by re-confirmations', () => {
      vi.useFakeTimers({ now: new Date('2026-01-02T10:00:00Z'), toFake: ['Date'] });
      const status = new CinnoxStatus();
      expect(status.activeSince()).toBeUndefined();

      status.recordSubscription('call', on());
      expect(status.activeSince('call')).toEqual(new Date('2026-01-02T10:00:00Z'));

      // The silence watch counts from activation: a refresh an hour later must not reset it.
      vi.setSystemTime(new Date('2026-01-02T11:00:00Z'));
      status.recordSubscription('call', on('https://host.example/moved'));
      expect(status.activeSince('call')).toEqual(new Date('2026-01-02T10:00:00Z'));
      expect(status.subscription('call')?.url).toBe('https://host.example/moved');
    });

    it('is cleared by enabled: false and starts again at the next enabled: true', () => {
      vi.useFakeTimers({ now: new Date('2026-01-02T10:00:00Z'), toFake: ['Date'] });
      const status = new CinnoxStatus();
      status.recordSubscription('call', on());

      status.recordSubscription('call', off);
      expect(status.activeSince('call')).toBeUndefined();
      expect(status.subscription('call')).toEqual(off);

      vi.setSystemTime(new Date('2026-01-02T12:00:00Z'));
      status.recordSubscription('call', on());
      expect(status.activeSince('call')).toEqual(new Date('2026-01-02T12:00:00Z'));
    });

    it('is kept per hook', () => {
      const status = new CinnoxStatus(routesOf('call', 'recording'));
      status.recordSubscription('recording', on());
      expect(status.activeSince('recording')).toBeInstanceOf(Date);
      expect(status.activeSince('call')).toBeUndefined();
      expect(status.subscription('call')).toBeUndefined();
    });
  });

  it("keeps another app's subscriptions apart from the module app's, per hook", () => {
    const status = new CinnoxStatus(routesOf('call', 'inquiry'));
    status.recordSubscription('call', on('https://other.example/hook'), 'other-app');

    expect(status.subscription('call', 'other-app')).toMatchObject({ enabled: true, url: 'https://other.example/hook' });
    expect(status.subscription('call')).toBeUndefined();
    expect(status.subscription('inquiry', 'other-app')).toBeUndefined();
    // activeSince speaks of the module's own app only.
    expect(status.activeSince('call')).toBeUndefined();

    status.recordSubscription('call', on());
    status.recordSubscription('call', off, 'other-app');
    expect(status.subscription('call')).toMatchObject({ enabled: true, url: 'https://host.example/hook' });
    expect(status.activeSince('call')).toBeInstanceOf(Date);
    expect(status.subscription('call', 'other-app')).toEqual(off);
  });

  it("an app id that spells a hook name does not collide with the module app's hook", () => {
    const status = new CinnoxStatus();
    status.recordSubscription('call', on('https://other.example/hook'), 'call');
    expect(status.subscription('call')).toBeUndefined();
  });

  describe('with the lifecycle', () => {
    it('takes activeSince from the lifecycle: its entry into active, nothing in any other state', () => {
      const status = new CinnoxStatus(routesOf('call', 'recording'));
      const since = new Date('2026-01-02T09:00:00Z');
      status.recordLifecycle('call', { state: 'subscribing', url: 'https://host.example/hook', since });
      // A confirmation the client recorded does not make a hook active while its lifecycle says otherwise.
      status.recordSubscription('call', on());
      expect(status.activeSince('call')).toBeUndefined();

      const active = new Date('2026-01-02T09:00:05Z');
      status.recordLifecycle('call', { state: 'active', url: 'https://host.example/hook', since: active });
      expect(status.activeSince('call')).toEqual(active);

      status.recordLifecycle('call', { state: 'retrying', url: 'https://host.example/hook', since: new Date(), lastError: 'down' });
      expect(status.activeSince('call')).toBeUndefined();
      expect(status.lifecycle('call')).toMatchObject({ state: 'retrying', lastError: 'down' });
    });

    it('keeps each hook in its own state', () => {
      const status = new CinnoxStatus(routesOf('call', 'recording', 'inquiry'));
      const since = new Date('2026-01-02T09:00:00Z');
      status.recordLifecycle('call', { state: 'active', url: 'https://host.example/call', since });
      status.recordLifecycle('recording', { state: 'failed', url: 'https://host.example/recording', since, lastError: 'bad token' });

      expect(status.lifecycle()).toMatchObject({ state: 'active', url: 'https://host.example/call' });
      expect(status.lifecycle('recording')).toMatchObject({ state: 'failed', lastError: 'bad token' });
      expect(status.lifecycle('inquiry')).toBeUndefined();
      expect(status.activeSince('call')).toEqual(since);
      expect(status.activeSince('recording')).toBeUndefined();
    });
  });

  it('says since when the app has been shutting down: the first record wins', () => {
    const status = new CinnoxStatus();
    expect(status.shuttingDownSince).toBeUndefined();
    const first = new Date('2026-01-02T10:00:00Z');
    status.recordShutdown(first);
    status.recordShutdown(new Date('2026-01-02T10:00:03Z'));
    expect(status.shuttingDownSince).toEqual(first);
  });
});
