import type { DynamicModule, Type } from '@nestjs/common';
import { CinnoxSimulator } from 'nestjs-cinnox/testing';
import type { AppConfig } from '../config/app-config.js';
import { sampleCinnoxModule } from '../config/sample-cinnox.module.js';
import { EmbeddedCinnoxModule } from './embedded-cinnox.module.js';

// Loaded by AppModule only when no real CINNOX is configured: nothing else imports nestjs-cinnox/testing.
/** CinnoxModule pointed at the embedded simulator, and the simulator's own module. */
export function embeddedCinnoxImports(hooks: AppConfig['hooks']): Array<DynamicModule | Type> {
  const cinnox = sampleCinnoxModule<CinnoxSimulator>(
    {
      imports: [EmbeddedCinnoxModule],
      inject: CinnoxSimulator,
      api: (_app, simulator) => ({ baseUrl: simulator.baseUrl, appId: simulator.appId, appToken: simulator.appToken }),
    },
    hooks,
  );
  return [cinnox, EmbeddedCinnoxModule];
}
