/** The part of Express's response a stream writes to (kept minimal so tests can fake it). */
export interface SseResponse {
  write(chunk: string): boolean;
  end(): void;
  once(event: 'drain' | 'close', listener: () => void): unknown;
}

/** The raw Express response a stream endpoint takes over. */
export interface SseHttpResponse extends SseResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
  flushHeaders(): void;
}

/** Sends the Server-Sent Events headers and the client's reconnect delay; frames follow. */
export function beginSse(res: SseHttpResponse): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no'); // nginx would otherwise buffer the stream
  res.flushHeaders();
  res.write('retry: 3000\n\n');
}

/**
 * Where a stream starts: after the requested seq (Last-Event-ID or ?after=), or from now (`latest`) when none is
 * given or it is beyond the newest row (it did not come from this database): live rather than silent.
 */
export function resumeSeq(requested: string | undefined, latest: string): string {
  return requested !== undefined && BigInt(requested) <= BigInt(latest) ? requested : latest;
}

/** A row a stream sends: its seq is the SSE id a client resumes from. */
export interface SseItem {
  seq: number;
}

export interface SseStreamOptions<T extends SseItem = SseItem> {
  /** The SSE `event:` name of each frame. */
  eventName: string;
  lastSeq: string;
  heartbeatMs: number;
  /** Rows with seq > afterSeq that this stream may see, oldest first, at most one page. */
  fetchAfter(afterSeq: string): Promise<T[]>;
  pageSize: number;
  onClosed(stream: SseStream<T>): void;
  onError(stream: SseStream<T>, error: unknown): void;
}

export const sseFrame = (eventName: string, item: SseItem): string =>
  `id: ${item.seq}\nevent: ${eventName}\ndata: ${JSON.stringify(item)}\n\n`;
export const HEARTBEAT_FRAME = ': ping\n\n';

/**
 * One client's Server-Sent Events stream. Every wake-up reads the rows after the last one sent, so frames go
 * out in seq order with no gaps; wake-ups that arrive while a pass runs fold into one more pass, so two
 * passes never interleave.
 */
export class SseStream<T extends SseItem = SseItem> {
  private lastSeq: string;
  private running?: Promise<void>;
  private pending = false;
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly res: SseResponse,
    private readonly options: SseStreamOptions<T>,
  ) {
    this.lastSeq = options.lastSeq;
    this.heartbeat = setInterval(() => this.res.write(HEARTBEAT_FRAME), options.heartbeatMs);
    this.heartbeat.unref();
    res.once('close', () => this.close());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get lastSentSeq(): string {
    return this.lastSeq;
  }

  wake(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.pending = true;
    this.running ??= this.drain()
      .catch((error) => {
        this.options.onError(this, error);
        // The client reconnects with Last-Event-ID and resumes where this stream stopped.
        this.close();
      })
      .finally(() => {
        this.running = undefined;
        if (this.pending && !this.closed) void this.wake();
      });
    return this.running;
  }

  /** Resolves once no pass is running (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.res.end();
    this.options.onClosed(this);
  }

  private async drain(): Promise<void> {
    while (this.pending && !this.closed) {
      this.pending = false;
      let page: T[];
      do {
        page = await this.options.fetchAfter(this.lastSeq);
        for (const n of page) {
          if (this.closed) return;
          await this.send(sseFrame(this.options.eventName, n));
          this.lastSeq = String(n.seq);
        }
      } while (page.length >= this.options.pageSize);
    }
  }

  private async send(frame: string): Promise<void> {
    if (this.res.write(frame)) return;
    // A slow client: wait for its buffer to empty (or for it to leave) before reading more rows.
    await new Promise<void>((resolve) => {
      this.res.once('drain', resolve);
      this.res.once('close', resolve);
    });
  }
}
