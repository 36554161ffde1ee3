import { Controller, Get, Header } from '@nestjs/common';
import { CinnoxMetrics } from 'nestjs-cinnox';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Prometheus text format: the process's default metrics and the library's counters. */
@Controller('metrics')
export class MetricsController {
  private readonly registry: Registry;

  constructor(cinnox: CinnoxMetrics) {
    const process = new Registry();
    collectDefaultMetrics({ register: process });
    this.registry = Registry.merge([process, cinnox.registry]);
  }

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
