import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { escapeControlChars, redactSecrets } from 'nestjs-cinnox';
import { LOG_LEVELS, type AppConfig } from '../config/app-config.js';

/**
 * The sample's logger: Nest's ConsoleLogger at `LOG_LEVEL`, as text (colour only on a terminal) or one
 * JSON object per line (`LOG_FORMAT=json`). Every line, Nest's own included, has the webhook secret and
 * the app token redacted and its control characters escaped, whatever the text came from.
 */
export class AppLogger extends ConsoleLogger {
  private readonly secrets: readonly (string | undefined)[];

  constructor(config: Pick<AppConfig, 'logLevel' | 'logFormat' | 'webhookSecret' | 'cinnox'>, stream: NodeJS.WriteStream = process.stdout) {
    const json = config.logFormat === 'json';
    super({
      logLevels: ['fatal', ...LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1)] as LogLevel[],
      json,
      colors: !json && stream.isTTY === true && !process.env.NO_COLOR,
    });
    this.secrets = [config.webhookSecret, config.cinnox?.appToken];
  }

  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, unknown>,
  ): void {
    super.printMessages(
      messages.map((message) => (typeof message === 'string' ? this.clean(message) : message)),
      context === undefined ? undefined : this.clean(context),
      logLevel,
      writeStreamType,
      typeof errorStack === 'string' ? redactSecrets(errorStack, this.secrets) : errorStack,
      params,
    );
  }

  // A stack is several lines by design: redacted, not escaped.
  protected override printStackTrace(stack: string): void {
    super.printStackTrace(stack && redactSecrets(stack, this.secrets));
  }

  private clean(text: string): string {
    return escapeControlChars(redactSecrets(text, this.secrets));
  }
}
