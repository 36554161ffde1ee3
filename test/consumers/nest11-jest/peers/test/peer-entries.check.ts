// Type-checked with skipLibCheck: false once the optional peers are installed: the entries that need them.
import type * as health from 'nestjs-cinnox/health';
import type * as queue from 'nestjs-cinnox/queue';
import type * as redis from 'nestjs-cinnox/redis';

export type PeerEntries = [typeof health, typeof queue, typeof redis];
