import type { DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { loadAppConfig, type AppConfig } from './app-config.js';

/** The validated settings under the `app` namespace of `ConfigService`. */
export type AppConfigNamespace = { app: AppConfig };

/** The sample's settings and the global `ConfigModule` that serves them. */
export interface AppSettings {
  config: AppConfig;
  configModule: DynamicModule;
}

/**
 * The one way the environment reaches the sample: @nestjs/config reads `.env` under the variables already
 * set, its `validate` step is loadAppConfig (a bad variable stops start-up with an AppConfigError naming it),
 * and ConfigService serves the result under `app`, nothing else. bootstrap gets the same object, since the
 * adapter, the port and which modules exist are decided before Nest starts.
 * @param env replaces the process's variables and `.env` (the e2e tests start several apps in one process).
 */
export async function readAppSettings(env?: NodeJS.ProcessEnv): Promise<AppSettings> {
  let config: AppConfig | undefined;
  const configModule = await ConfigModule.forRoot({
    isGlobal: true,
    ...(env && { ignoreEnvFile: true, validatePredefined: false }),
    skipProcessEnv: true,
    // Returning only the namespace keeps process.env as it was: ConfigModule writes back plain values only.
    validate: (variables) => ({ app: (config = loadAppConfig(env ?? variables)) }),
  });
  return { config: config!, configModule };
}
