/** One Server-Sent Event as received: its `event:` name and its `data:` parsed as JSON. */
export interface ReceivedSseEvent {
  type: string;
  data: any;
}

/** A reading SSE client: every event it received, in order, until it is closed or the server ends the stream. */
export interface SseClient {
  status: number;
  headers: Headers;
  events: ReceivedSseEvent[];
  /** The events of one name received so far. */
  of(type: string): any[];
  /** Settles when the server ends the stream (or the client is closed). */
  ended: Promise<void>;
  close(): void;
}

/** Opens `url` as an SSE stream with fetch and reads it as a browser would (comments and retry lines skipped). */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: ReceivedSseEvent[] = [];
  const ended = response.ok ? read(response.body!, events) : response.body?.cancel();
  return {
    status: response.status,
    headers: response.headers,
    events,
    of: (type) => events.filter((event) => event.type === type).map((event) => event.data),
    ended: Promise.resolve(ended).catch(() => undefined),
    close: () => abort.abort(),
  };
}

async function read(body: ReadableStream<Uint8Array>, events: ReceivedSseEvent[]): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) type = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length > 0) events.push({ type, data: JSON.parse(data.join('\n')) });
    }
  }
}
