import { describe, expect, it } from 'vitest';
import { CinnoxMetrics } from './cinnox-metrics.service.js';

/** The counter's samples as `labels -> value`, e.g. `{ 'outcome=accepted': 2 }`. */
async function samples(metrics: CinnoxMetrics, name: string): Promise<Record<string, number>> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  if (!metric) throw new Error(`no metric ${name}`);
  const values = (metric as unknown as { values: Array<{ labels: Record<string, string>; value: number }> }).values;
  return Object.fromEntries(
    values.map(({ labels, value }) => [
      Object.entries(labels)
        .map(([label, text]) => `${label}=${text}`)
        .join(','),
      value,
    ]),
  );
}

describe('CinnoxMetrics', () => {
  it('counts webhook requests by outcome', async () => {
    const metrics = new CinnoxMetrics();
    metrics.webhookRequest('accepted', 'call');
    metrics.webhookRequest('accepted', 'call');
    metrics.webhookRequest('duplicate', 'call');

    expect(await samples(metrics, 'cinnox_webhook_requests_total')).toEqual({
      'hook=call,outcome=accepted': 2,
      'hook=call,outcome=duplicate': 1,
    });
  });

  it('counts emitted events and listener failures by event name', async () => {
    const metrics = new CinnoxMetrics();
    metrics.eventEmitted('call.start');
    metrics.eventEmitted('call.start');
    metrics.eventEmitted('call.end');
    metrics.listenerFailed('call.start');

    expect(await samples(metrics, 'cinnox_events_emitted_total')).toEqual({ 'event=call.start': 2, 'event=call.end': 1 });
    expect(await samples(metrics, 'cinnox_listener_failures_total')).toEqual({ 'event=call.start': 1 });
  });

  it('counts a subscription call once and its HTTP attempts, retries included', async () => {
    const metrics = new CinnoxMetrics();
    metrics.subscriptionCall('call', 'ok', 3);
    metrics.subscriptionCall('call', 'rejected', 1);
    metrics.subscriptionCall('recording', 'ok', 1);

    expect(await samples(metrics, 'cinnox_subscription_calls_total')).toEqual({
      'hook=call,outcome=ok': 1,
      'hook=call,outcome=rejected': 1,
      'hook=recording,outcome=ok': 1,
    });
    expect(await samples(metrics, 'cinnox_subscription_attempts_total')).toEqual({
      'hook=call,outcome=ok': 3,
      'hook=call,outcome=rejected': 1,
      'hook=recording,outcome=ok': 1,
    });
  });

  it('counts coverage gaps and their seconds by hook and reason', async () => {
    const metrics = new CinnoxMetrics();
    metrics.coverageGap('call', 'no-replica', 5.5);
    metrics.coverageGap('call', 'no-replica', 2);
    metrics.coverageGap('inquiry', 'subscription-inactive', 1);

    expect(await samples(metrics, 'cinnox_coverage_gaps_total')).toEqual({
      'hook=call,reason=no-replica': 2,
      'hook=inquiry,reason=subscription-inactive': 1,
    });
    expect(await samples(metrics, 'cinnox_coverage_gap_seconds_total')).toEqual({
      'hook=call,reason=no-replica': 7.5,
      'hook=inquiry,reason=subscription-inactive': 1,
    });
  });

  it('keeps each instance in a registry of its own: two apps in one process neither clash nor mix', async () => {
    const [a, b] = [new CinnoxMetrics(), new CinnoxMetrics()];
    a.webhookRequest('invalid', 'call');

    expect(await samples(a, 'cinnox_webhook_requests_total')).toEqual({ 'hook=call,outcome=invalid': 1 });
    expect(await samples(b, 'cinnox_webhook_requests_total')).toEqual({});
  });

  it('exposes the Prometheus text with help lines', async () => {
    const metrics = new CinnoxMetrics();
    metrics.webhookRequest('verified', 'call');

    const text = await metrics.registry.metrics();
    expect(text).toContain('# HELP cinnox_webhook_requests_total Requests to the CINNOX webhook routes, by hook and outcome.');
    expect(text).toContain('cinnox_webhook_requests_total{hook="call",outcome="verified"} 1');
  });
});
