import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CinnoxOtelModule } from 'nestjs-cinnox/otel';

const TRACER_PROVIDER = Symbol('sample:tracer-provider');

/** Sends the spans left at shutdown before the app exits. */
@Injectable()
class TracerProviderShutdown implements OnApplicationShutdown {
  constructor(@Inject(TRACER_PROVIDER) private readonly provider: BasicTracerProvider) {}

  async onApplicationShutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}

/**
 * The library's spans over OTLP/HTTP (OTEL_EXPORTER_OTLP_ENDPOINT), in batches. No HTTP instrumentation: the
 * library's own spans carry the route without its `?token=` and no phone number, and an instrumentation would
 * have to be taught to drop both. The provider is this app's own, not the global one, so several apps in one
 * process (the tests) keep their spans apart.
 */
@Module({})
export class OtlpTracingModule {
  static register({ endpoint, serviceName }: { endpoint: string; serviceName: string }): DynamicModule {
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': serviceName }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }))],
    });
    return {
      module: OtlpTracingModule,
      imports: [CinnoxOtelModule.forRoot({ tracerProvider: provider })],
      providers: [{ provide: TRACER_PROVIDER, useValue: provider }, TracerProviderShutdown],
    };
  }
}
