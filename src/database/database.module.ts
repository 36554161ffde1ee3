import type { DynamicModule } from '@nestjs/common';
import { SampleDatabase } from './sample-database.js';

/** The sample's database, for the call store and the delivery log (see SampleDatabase). */
export class DatabaseModule {
  /**
   * Serves `database`, opened by bootstrap before Nest starts (a refused data folder is then a plain start-up
   * error, not an aborted Nest init), and closes it at shutdown.
   */
  static forRoot(database: SampleDatabase): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [{ provide: SampleDatabase, useValue: database }],
      exports: [SampleDatabase],
    };
  }
}
