/** One Server-Sent Event as received. */
export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
  receivedAt: number;
}

/**
 * A minimal SSE client over fetch (EventSource cannot send an Authorization header). It records every event
 * with its arrival time (performance.now()), so tests can assert order and benchmarks can measure latency.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];
  private done?: Promise<void>;
  onEvent?: (event: SseEvent) => void;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** Resolves once the stream answered 200 and its headers arrived. */
  async connect(): Promise<void> {
    const response = await fetch(this.url, { headers: { accept: 'text/event-stream', ...this.headers }, signal: this.controller.signal });
    if (response.status !== 200 || !response.body) {
      throw new Error(`SSE ${this.url} answered ${response.status}: ${await response.text()}`);
    }
    this.done = this.read(response.body).catch((error) => {
      if (!this.controller.signal.aborted) throw error;
    });
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let boundary: number;
      while ((boundary = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        this.parse(block);
      }
    }
  }

  private parse(block: string): void {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return;
    const received: SseEvent = { id, event, data: data.join('\n'), receivedAt: performance.now() };
    this.events.push(received);
    this.onEvent?.(received);
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  /** Parsed JSON data of every event of this SSE event name. */
  json<T = Record<string, unknown>>(eventName = 'notification'): T[] {
    return this.events.filter((e) => e.event === eventName).map((e) => JSON.parse(e.data) as T);
  }

  /** Waits until the predicate holds over the events received so far. */
  async waitFor(predicate: (events: SseEvent[]) => boolean, timeoutMs = 30_000, what = 'SSE events'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.events)) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `Timed out after ${timeoutMs} ms waiting for ${what}; got ${this.events.length}: ${this.events.map((e) => e.data.slice(0, 120)).join(' | ')}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}
