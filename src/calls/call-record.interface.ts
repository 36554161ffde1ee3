import type { CinnoxCallParty } from 'nestjs-cinnox';

/** A call as `GET /calls` shows it. */
export interface CallRecord {
  id: string;
  serviceId: string;
  status: 'active' | 'ended';
  caller: CinnoxCallParty | null;
  callees: readonly CinnoxCallParty[];
  startedAt: Date | null;
  endedAt: Date | null;
}
