import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Tracks the responses under way on a Node HTTP server, so a stop can end keep-alive connections
 * politely: each response still to be written says `Connection: close`, and Node closes the socket after it.
 */
export class HttpServerDrain {
  private readonly open = new Set<ServerResponse>();
  private readonly waiters: (() => void)[] = [];
  private draining = false;

  constructor(private readonly server: Server) {
    // First among the listeners, so the mark is set before the app's handler can write headers.
    server.prependListener('request', this.track);
  }

  /** Responses not yet finished or aborted. */
  get active(): number {
    return this.open.size;
  }

  /** Stops accepting connections, closes the idle ones, and marks every response from now on as the connection's last. */
  start(): void {
    this.draining = true;
    for (const response of this.open) closeAfter(response);
    if (this.server.listening) this.server.close();
    this.server.closeIdleConnections();
  }

  /** Resolves once no response is under way. */
  idle(): Promise<void> {
    return this.open.size === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Closes the connections that carry no request. */
  closeIdle(): void {
    this.server.closeIdleConnections();
  }

  /** Drops every connection, busy or not: the grace period is over. */
  closeAll(): void {
    this.server.closeAllConnections();
  }

  dispose(): void {
    this.server.off('request', this.track);
  }

  private readonly track = (_request: IncomingMessage, response: ServerResponse): void => {
    if (this.draining) closeAfter(response);
    this.open.add(response);
    response.once('close', () => {
      this.open.delete(response);
      if (this.open.size === 0) for (const resolve of this.waiters.splice(0)) resolve();
    });
  };
}

function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}
