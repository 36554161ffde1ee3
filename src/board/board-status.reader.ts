import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import * as cinnox from 'nestjs-cinnox';
import { CinnoxStatus } from 'nestjs-cinnox';
import type { BoardCoverageGap, BoardHookStatus, BoardStatus } from './board-messages.js';

/** How often the stream repeats `status` while nothing changes (a heartbeat the page watches). */
export const BOARD_HEARTBEAT_MS = 15_000;

const DAY_MS = 86_400_000;

/** The part of the library's `CinnoxCoverage` the board reads. */
interface CoverageReader {
  gaps(query?: { from?: Date }): unknown;
}

/**
 * The `status` the board shows: each hook's subscription from the library's CinnoxStatus and, when this
 * version of the library keeps them, the coverage gaps of the last day.
 */
@Injectable()
export class BoardStatusReader implements OnApplicationBootstrap {
  private readonly logger = new Logger('CallBoard');
  private coverage?: CoverageReader;

  constructor(
    private readonly status: CinnoxStatus,
    private readonly moduleRef: ModuleRef,
  ) {}

  // Looked up once every provider is made: during construction, Nest may hand out an instance not yet built.
  onApplicationBootstrap(): void {
    // By name: the board runs on library versions with and without coverage gaps.
    const Coverage = (cinnox as unknown as Record<string, unknown>).CinnoxCoverage;
    if (typeof Coverage !== 'function') return;
    try {
      const coverage = this.moduleRef.get(Coverage, { strict: false }) as CoverageReader & { enabled?: boolean };
      // The library has it; an app that did not turn it on has no gaps to show.
      if (coverage.enabled !== false) this.coverage = coverage;
    } catch {
      // A library version that has the class without providing it.
    }
  }

  async read(): Promise<BoardStatus> {
    const hooks = this.status.hooks.map((hook) => this.hookStatus(hook));
    const coverageGaps = await this.coverageGaps();
    return {
      at: new Date().toISOString(),
      heartbeatMs: BOARD_HEARTBEAT_MS,
      shuttingDown: this.status.shuttingDownSince !== undefined,
      hooks,
      ...(coverageGaps && { coverageGaps }),
    };
  }

  private hookStatus(hook: string): BoardHookStatus {
    const lifecycle = this.status.lifecycle(hook);
    const subscription = this.status.subscription(hook);
    const known = subscription === undefined ? 'unknown' : subscription.enabled ? 'active' : 'off';
    return {
      hook,
      state: lifecycle?.state ?? known,
      since: (lifecycle?.since ?? this.status.activeSince(hook))?.toISOString() ?? null,
      lastError: lifecycle?.lastError ?? null,
      lastNotificationAt: this.status.lastNotificationOf(hook)?.toISOString() ?? null,
    };
  }

  // A store that cannot answer leaves the gaps out of this status; the next one tries again.
  private async coverageGaps(): Promise<BoardCoverageGap[] | undefined> {
    if (!this.coverage) return undefined;
    try {
      const gaps = (await this.coverage.gaps({ from: new Date(Date.now() - DAY_MS) })) as Array<Record<string, unknown>>;
      return gaps.map(({ hook, from, to, reason }) => ({
        hook: String(hook),
        from: new Date(from as Date).toISOString(),
        to: new Date(to as Date).toISOString(),
        reason: String(reason),
      }));
    } catch (error) {
      this.logger.warn(`Coverage gaps left out of the board's status: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}
