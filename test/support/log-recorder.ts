import type { LoggerService } from '@nestjs/common';

/** One line a Nest logger was given. */
export interface LogLine {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
  context: string | undefined;
  message: string;
}

/** A Nest logger that records every line (Nest passes the context as the last argument). */
export class LogRecorder implements LoggerService {
  readonly lines: LogLine[] = [];

  /** The lines of one context, e.g. `CinnoxSubscription`. */
  of(context: string): LogLine[] {
    return this.lines.filter((line) => line.context === context);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.push('log', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.push('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.push('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.push('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.push('verbose', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.push('fatal', message, rest);
  }

  private push(level: LogLine['level'], message: unknown, rest: unknown[]): void {
    const context = rest.at(-1);
    this.lines.push({ level, context: typeof context === 'string' ? context : undefined, message: String(message) });
  }
}
