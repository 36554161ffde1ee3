import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { round } from './bench-log.js';

// CPU and memory of the runner, the server and everything else, read from /proc.

export interface CpuShare {
  runnerPct: number;
  serverPct: number;
  otherPct: number;
  stealPct: number;
}

export interface CpuSnapshot {
  at: number;
  machineBusy: number;
  steal: number;
  runner: number;
  server: number;
}

/** Clock ticks from /proc (user + system), for the machine, this process and the server. */
export function cpuSnapshot(serverPid: number | undefined): CpuSnapshot | undefined {
  const ticksOf = (pid: number | 'self') => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  };
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , , , steal = 0] = cpu;
    return {
      at: Date.now(),
      machineBusy: user + nice + system,
      steal,
      runner: ticksOf('self'),
      server: serverPid === undefined ? 0 : ticksOf(serverPid),
    };
  } catch {
    return undefined; // no /proc, or the server is gone
  }
}

export function cpuShare(from: CpuSnapshot | undefined, to: CpuSnapshot | undefined): CpuShare | undefined {
  if (!from || !to || to.at <= from.at) return undefined;
  const capacity = ((to.at - from.at) / 1000) * 100 * cpus().length; // USER_HZ is 100 on Linux
  const pct = (ticks: number) => round((Math.max(0, ticks) / capacity) * 100, 0);
  const runner = to.runner - from.runner;
  const server = to.server - from.server;
  return {
    runnerPct: pct(runner),
    serverPct: pct(server),
    otherPct: pct(to.machineBusy - from.machineBusy - runner - server),
    stealPct: pct(to.steal - from.steal),
  };
}

export function rssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0; // gone, or no /proc
  }
}
