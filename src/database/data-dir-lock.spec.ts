import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';

describe('lockDataDir', () => {
  const folders: string[] = [];
  const dataDir = (): string => {
    const folder = mkdtempSync(join(tmpdir(), 'cinnox-lock-'));
    folders.push(folder);
    return join(folder, 'data');
  };
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it("takes over a lock naming this process's pid that this process does not hold (a container's app restarted as the same pid)", () => {
    const dir = dataDir();
    writeFileSync(`${dir}.lock`, String(process.pid));
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('refuses a second lock of the same folder in this process, and a folder a live process holds', () => {
    const dir = dataDir();
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    release();

    const other = dataDir();
    // The parent (the test runner) is alive and is not this process.
    writeFileSync(`${other}.lock`, String(process.ppid));
    expect(() => lockDataDir(other)).toThrow(/open in another process .*Set CINNOX_DATA_DIR/);
  });

  it("a release of a lock another process has since taken leaves that process's file alone", () => {
    const dir = dataDir();
    const release = lockDataDir(dir);
    writeFileSync(`${dir}.lock`, String(process.ppid));
    release();
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.ppid));
  });
});
