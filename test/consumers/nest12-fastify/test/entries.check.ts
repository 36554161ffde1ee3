// Type-checked with skipLibCheck: false (tsconfig.check.json): the entries that need no optional peer.
import type * as cinnox from 'nestjs-cinnox';
import type * as testing from 'nestjs-cinnox/testing';

export type Entries = [typeof cinnox, typeof testing];
