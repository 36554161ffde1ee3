import { registerAs } from '@nestjs/config';
import type { AppConfig } from './app-config.js';

/** The validated settings under the `app` namespace of `ConfigService`. */
export const appConfig = (config: AppConfig) => registerAs('app', () => config);

export type AppConfigNamespace = { app: AppConfig };
