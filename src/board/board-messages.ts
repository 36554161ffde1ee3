import type { CinnoxCallParty, CinnoxCallStatus, CinnoxRecordingStatus } from 'nestjs-cinnox';

// The board's update stream (GET /board/events), as the README documents it. Each SSE event's `event:` is
// one of the names below and its `data:` the JSON of the matching payload.

/** SSE event names of the board's stream. */
export const BoardEventName = {
  /** Each hook's subscription and what else the app knows of its link to CINNOX: first, on a change, and as a heartbeat. */
  Status: 'status',
  /** A change to one call: the fields present replace what the page shows. */
  Call: 'call',
  /** A notification of a hook other than calls (enquiries, SMS, contacts, labels, conference recordings). */
  HookEvent: 'hook-event',
} as const;

/** One hook's subscription on the board. */
export interface BoardHookStatus {
  hook: string;
  /** The lifecycle's state (`subscribing`, `active`, `retrying`, `failed`, `off`), or `unknown` when nothing manages it. */
  state: string;
  /** When the state was entered; null when unknown. */
  since: string | null;
  /** Why the last attempt failed, on `retrying` and `failed`. */
  lastError: string | null;
  /** When the hook's last valid notification arrived; null when none has. */
  lastNotificationAt: string | null;
}

/** Payload of `status`. */
export interface BoardStatus {
  /** The server's clock when this was sent: the page measures running times against it. */
  at: string;
  /** How often `status` comes while nothing changes: a page that hears nothing for longer is cut off. */
  heartbeatMs: number;
  /** True from the start of a shutdown. */
  shuttingDown: boolean;
  hooks: BoardHookStatus[];
  /** Coverage gaps of the last 24 h, when the library keeps them (`CinnoxCoverage`); absent otherwise. */
  coverageGaps?: BoardCoverageGap[];
}

/** A span in which a hook could not receive notifications. */
export interface BoardCoverageGap {
  hook: string;
  from: string;
  to: string;
  reason: string;
}

/** Payload of `call`: a partial call record of `GET /calls`, keyed by `id`. */
export interface BoardCallChange {
  id: string;
  status?: CinnoxCallStatus;
  serviceId?: string;
  caller?: CinnoxCallParty | null;
  callees?: readonly CinnoxCallParty[];
  startedAt?: string | null;
  endedAt?: string | null;
  durationMs?: number | null;
  recordingStatus?: CinnoxRecordingStatus | null;
  /** What CINNOX's reports say of the call, once settled (when the library settles calls). */
  cinnox?: unknown;
}

/** Payload of `hook-event`. */
export interface BoardHookEvent {
  /** The library's event name, e.g. `inquiry.opened`. */
  event: string;
  /** The hook, e.g. `inquiry`. */
  hook: string;
  eventId: string | null;
  receivedAt: string;
  /** One line saying what arrived, about what. */
  summary: string;
}
