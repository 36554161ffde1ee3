import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// The locks this process holds: a lock file naming this pid but not in here was left by an earlier process
// that had the same pid (a container's app is pid 1 at every start), so it is stale.
const held = new Set<string>();

/** Thrown at start-up when the embedded data folder is open in another process (or another app in this one). */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

/**
 * Takes `<dataDir>.lock`, holding this process's pid, so a second process cannot open the same PGlite folder:
 * PGlite does not lock it, and two of them writing one folder corrupt it. A lock left by a process that is no
 * longer alive (killed, crashed) is taken over. Returns the release, which deletes the file if still ours.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = `${resolve(dataDir)}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  // Two tries: the second after clearing a dead process's lock. Two processes clearing the same stale lock at
  // the same instant is the one race left (both then race for `wx`, and one of them loses).
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      held.add(path);
      return () => release(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    const stale = holder === undefined || (holder === process.pid ? !held.has(path) : !isAlive(holder));
    if (!stale) {
      throw new DataDirInUseError(
        `The data folder ${resolve(dataDir)} is open in another process (pid ${holder}${holder === process.pid ? ', this one' : ''}; lock file ${path}). ` +
          'Set CINNOX_DATA_DIR to another folder for this process, or DATABASE_URL to share a PostgreSQL server.',
      );
    }
    unlinkSync(path);
  }
  throw new DataDirInUseError(`Could not take the lock ${path}; set CINNOX_DATA_DIR or DATABASE_URL.`);
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

// Signal 0 checks that the process exists without touching it; EPERM: it exists, owned by someone else.
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function release(path: string): void {
  if (!held.delete(path)) return;
  if (readHolder(path) === process.pid) unlinkSync(path);
}
