import { Module } from '@nestjs/common';
import { CallStoreFactory } from './call-store.factory.js';

/** Gives CinnoxModule's factory the call tracker's store. */
@Module({ providers: [CallStoreFactory], exports: [CallStoreFactory] })
export class CallStoreModule {}
