import { NotificationView } from '../notification.types';

/** The part of Express's response a stream writes to (kept minimal so tests can fake it). */
export interface SseResponse {
  write(chunk: string): boolean;
  end(): void;
  once(event: 'drain' | 'close', listener: () => void): unknown;
}

export interface SseStreamOptions {
  /** null = every clinic (staff). */
  clinicId: string | null;
  lastSeq: string;
  heartbeatMs: number;
  /** Rows with seq > afterSeq for this stream's clinic, oldest first, at most one page. */
  fetchAfter(afterSeq: string): Promise<NotificationView[]>;
  pageSize: number;
  onClosed(stream: SseStream): void;
  onError(stream: SseStream, error: unknown): void;
}

export const notificationFrame = (n: NotificationView): string => `id: ${n.seq}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`;
export const HEARTBEAT_FRAME = ': ping\n\n';

/**
 * One client's Server-Sent Events stream. Every wake-up reads the rows after the last one sent, so frames go
 * out in seq order with no gaps; wake-ups that arrive while a pass runs fold into one more pass, so two
 * passes never interleave.
 */
export class SseStream {
  readonly clinicId: string | null;
  private lastSeq: string;
  private running?: Promise<void>;
  private pending = false;
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly res: SseResponse,
    private readonly options: SseStreamOptions,
  ) {
    this.clinicId = options.clinicId;
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

  /** Wants this clinic's new rows: true for a staff stream (every clinic) or the same clinic. */
  follows(clinicId: string): boolean {
    return this.clinicId === null || this.clinicId === clinicId;
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
      let page: NotificationView[];
      do {
        page = await this.options.fetchAfter(this.lastSeq);
        for (const n of page) {
          if (this.closed) return;
          await this.send(notificationFrame(n));
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
