/** Thrown at start-up for a bad variable; the message names it. */
export class AppConfigError extends Error {
  override readonly name = 'AppConfigError';
}

/** A whole number from `min` to `max`; empty or unset gives `fallback`. */
export function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

/** true/1 or false/0 (any case); empty or unset is false. */
export function readBoolean(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new AppConfigError(`${name} must be true or false, got "${env[name]}".`);
}

/** One of `choices` (any case); empty or unset gives `fallback`. */
export function readChoice<const Choice extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  choices: readonly Choice[],
  fallback: Choice = choices[0]!,
): Choice {
  const raw = (env[name] || fallback).toLowerCase();
  if (!choices.includes(raw as Choice)) {
    throw new AppConfigError(`${name} must be ${choices.map((choice) => `"${choice}"`).join(', ')}, got "${env[name]}".`);
  }
  return raw as Choice;
}

/** A number from `min` to `max` (fractions allowed); empty or unset gives `fallback`. */
export function readNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new AppConfigError(`${name} must be a number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}
