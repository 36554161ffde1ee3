import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfigNamespace } from '../config/app.config.js';
import { SampleDatabase } from './sample-database.js';

/** The sample's database, for the call store and the delivery log (see SampleDatabase). */
@Global()
@Module({
  providers: [
    {
      provide: SampleDatabase,
      inject: [ConfigService],
      useFactory: (settings: ConfigService<AppConfigNamespace, true>) => SampleDatabase.open(settings.get('app', { infer: true })),
    },
  ],
  exports: [SampleDatabase],
})
export class DatabaseModule {}
