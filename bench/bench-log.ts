// Progress lines and small helpers shared by the runner's parts.

export const began = Date.now();
export const elapsed = () => (Date.now() - began) / 1000;
export const log = (line: string) => console.log(`[bench ${elapsed().toFixed(0).padStart(3)} s] ${line}`);
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
export const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The telling line of a crash's stderr: the first error line, else the last line. */
export function summarize(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (lines.find((line) => /^(\w*Error\b|Error \[|\w+Exception\b)/.test(line)) ?? lines.at(-1) ?? '').slice(0, 300);
}

export const oneLine = (text: string, max = 300) => text.replace(/\s+/g, ' ').replaceAll('|', '\\|').slice(0, max);
