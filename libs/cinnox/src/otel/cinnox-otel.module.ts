import { Global, Module, type DynamicModule } from '@nestjs/common';
import { trace, type TracerProvider } from '@opentelemetry/api';
import { CinnoxTracer } from '../core/cinnox-tracer.js';
import { CinnoxOtelTracer } from './cinnox-otel.tracer.js';

/**
 * Options of `CinnoxOtelModule`.
 * @publicApi
 */
export interface CinnoxOtelOptions {
  /**
   * Where the spans go.
   * @default the global tracer provider (the one the host's OpenTelemetry SDK registered)
   */
  readonly tracerProvider?: TracerProvider;
  /**
   * The tracer's (instrumentation scope's) name.
   * @default 'nestjs-cinnox'
   */
  readonly tracerName?: string;
}

const tracerOf = ({ tracerProvider, tracerName = 'nestjs-cinnox' }: CinnoxOtelOptions): CinnoxTracer =>
  new CinnoxOtelTracer((tracerProvider ?? trace.getTracerProvider()).getTracer(tracerName));

/**
 * Turns tracing on: import it beside `CinnoxModule`, and each webhook delivery, queue job, listener call and
 * call to CINNOX's API becomes an OpenTelemetry span (`CinnoxSpanName`), a queue job's in its delivery's trace.
 * Global, so `CinnoxModule` finds its tracer. The host sets up the SDK and its exporter.
 * @publicApi
 */
@Global()
@Module({
  providers: [{ provide: CinnoxTracer, useFactory: () => tracerOf({}) }],
  exports: [CinnoxTracer],
})
export class CinnoxOtelModule {
  /** Tracing with `options` (a tracer provider of your own, say). */
  static forRoot(options: CinnoxOtelOptions = {}): DynamicModule {
    return {
      module: CinnoxOtelModule,
      global: true,
      providers: [{ provide: CinnoxTracer, useFactory: () => tracerOf(options) }],
      exports: [CinnoxTracer],
    };
  }
}
