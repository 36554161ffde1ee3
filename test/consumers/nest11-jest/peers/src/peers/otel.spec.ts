import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CinnoxModule, CinnoxSubscriptionService, OnCallStart, type CallStartEvent } from 'nestjs-cinnox';
import { CinnoxOtelModule } from 'nestjs-cinnox/otel';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';

// The otel entry in a NestJS 11 CommonJS app: a call delivered by the simulator is one trace, its
// cinnox.delivery span and a cinnox.listener child, and the subscription call a cinnox.api span.

jest.setTimeout(60_000);

class StartListener {
  @OnCallStart()
  heard(_event: CallStartEvent): void {}
}

describe('otel entry on NestJS 11', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let simulator: CinnoxSimulator;
  let app: INestApplication;

  beforeAll(async () => {
    simulator = await CinnoxSimulator.start();
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventEmitterModule.forRoot(),
        CinnoxModule.forRoot({ baseUrl: simulator.baseUrl, appId: simulator.appId, appToken: simulator.appToken }),
        CinnoxOtelModule.forRoot({ tracerProvider: provider }),
      ],
      providers: [StartListener],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await simulator?.stop();
    await provider.shutdown();
  });

  it('traces a delivery with its listener, and the subscription call', async () => {
    await app.get(CinnoxSubscriptionService).subscribe(`${await app.getUrl()}/cinnox/webhooks/call-events`);
    expect((await simulator.placeCall()).status).toBe(200);

    const named = (name: string) => exporter.getFinishedSpans().filter((span) => span.name === name);
    for (const deadline = Date.now() + 10_000; named('cinnox.listener').length === 0 && Date.now() < deadline; )
      await new Promise((resolve) => setTimeout(resolve, 20));
    // The subscription's challenge was a delivery too (verified); the call's start was accepted.
    expect(named('cinnox.delivery').map((span) => span.attributes['cinnox.outcome'])).toEqual(['verified', 'accepted']);
    const delivery = named('cinnox.delivery')[1];
    const [listener] = named('cinnox.listener');
    expect(delivery.attributes).toMatchObject({ 'cinnox.hook': 'call', 'cinnox.route': '/cinnox/webhooks/call-events' });
    expect(listener.spanContext().traceId).toBe(delivery.spanContext().traceId);
    expect(listener.parentSpanContext?.spanId).toBe(delivery.spanContext().spanId);
    expect(named('cinnox.api')[0].attributes).toMatchObject({ 'http.request.method': 'PATCH', 'http.response.status_code': 200 });
  });
});
