import { NotificationView } from '../notifications/notification.types';
import { HEARTBEAT_FRAME, SseResponse, SseStream, SseStreamOptions } from './sse-stream';

class FakeResponse implements SseResponse {
  readonly frames: string[] = [];
  ended = false;
  private listeners: Record<string, (() => void)[]> = {};
  write(chunk: string): boolean {
    this.frames.push(chunk);
    return true;
  }
  end(): void {
    this.ended = true;
  }
  once(event: 'drain' | 'close', listener: () => void): this {
    (this.listeners[event] ??= []).push(listener);
    return this;
  }
  emit(event: 'drain' | 'close'): void {
    const ls = this.listeners[event] ?? [];
    this.listeners[event] = [];
    ls.forEach((l) => l());
  }
  seqs(): number[] {
    return this.frames.filter((f) => f.startsWith('id: ')).map((f) => Number(f.slice(4, f.indexOf('\n'))));
  }
}

const view = (seq: number, clinicId = 'CLINIC-A'): NotificationView => ({
  id: `id-${seq}`,
  seq,
  clinicId,
  kind: 'slot-confirmed',
  severity: 'info',
  title: 't',
  body: 'b',
  orderId: null,
  batchId: null,
  coi: 'COI-AB12-CD34',
  stepCode: null,
  sourceEventId: `e-${seq}`,
  sourceEventType: 'x',
  occurredAt: '2026-12-01T00:00:00.000Z',
  createdAt: '2026-12-01T00:00:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
});

/** A table the test appends to; a read sees the rows at its start and can be held open to simulate a slow query. */
class FakeTable {
  rows: NotificationView[] = [];
  reads: string[] = [];
  gate?: Promise<void>;
  async fetchAfter(after: string, limit: number): Promise<NotificationView[]> {
    this.reads.push(after);
    const snapshot = this.rows.filter((r) => r.seq > Number(after)).slice(0, limit);
    await this.gate;
    return snapshot;
  }
}

function openStream(res: FakeResponse, table: FakeTable, overrides: Partial<SseStreamOptions<NotificationView>> = {}) {
  const closed = jest.fn();
  const stream = new SseStream<NotificationView>(res, {
    eventName: 'notification',
    lastSeq: '0',
    heartbeatMs: 15_000,
    pageSize: 2,
    fetchAfter: (after) => table.fetchAfter(after, 2),
    onClosed: closed,
    onError: jest.fn(),
    ...overrides,
  });
  return { stream, closed };
}

describe(SseStream.name, () => {
  afterEach(() => jest.useRealTimers());

  it('should send every row after the resume point as an id/event/data frame when woken', async () => {
    const res = new FakeResponse();
    const table = new FakeTable();
    table.rows = [view(1), view(2), view(3), view(4), view(5)];
    const { stream } = openStream(res, table, { lastSeq: '2' });
    await stream.wake();
    await stream.settled();
    expect(res.seqs()).toEqual([3, 4, 5]);
    expect(res.frames[0]).toBe(`id: 3\nevent: notification\ndata: ${JSON.stringify(view(3))}\n\n`);
    expect(stream.lastSentSeq).toBe('5');
  });

  it('should name frames with the event name when the stream is given one', async () => {
    const res = new FakeResponse();
    const table = new FakeTable();
    table.rows = [view(1)];
    const { stream } = openStream(res, table, { eventName: 'staff-alert' });
    await stream.wake();
    await stream.settled();
    expect(res.frames).toEqual([`id: 1\nevent: staff-alert\ndata: ${JSON.stringify(view(1))}\n\n`]);
  });

  it('should never interleave or repeat frames when wake-ups arrive during a send', async () => {
    const res = new FakeResponse();
    const table = new FakeTable();
    table.rows = [view(1)];
    let open!: () => void;
    table.gate = new Promise((r) => (open = r));
    const { stream } = openStream(res, table);
    void stream.wake();
    table.rows.push(view(2));
    void stream.wake();
    void stream.wake();
    table.rows.push(view(3));
    open();
    table.gate = undefined;
    await stream.settled();
    expect(res.seqs()).toEqual([1, 2, 3]);
    // The read in flight, then one more pass (a full page and its tail) for all the wake-ups it absorbed.
    expect(table.reads).toEqual(['0', '1', '3']);
  });

  it('should write a heartbeat comment every interval while idle', () => {
    jest.useFakeTimers();
    const res = new FakeResponse();
    const { stream } = openStream(res, new FakeTable());
    jest.advanceTimersByTime(30_000);
    expect(res.frames).toEqual([HEARTBEAT_FRAME, HEARTBEAT_FRAME]);
    stream.close();
    jest.advanceTimersByTime(30_000);
    expect(res.frames).toHaveLength(2);
  });

  it('should end the response and deregister once when the client goes away', async () => {
    const res = new FakeResponse();
    const { stream, closed } = openStream(res, new FakeTable());
    res.emit('close');
    stream.close();
    expect(res.ended).toBe(true);
    expect(closed).toHaveBeenCalledTimes(1);
    await stream.wake();
    expect(res.frames).toEqual([]);
  });

  it('should close the stream so the client resumes elsewhere when a read fails', async () => {
    const res = new FakeResponse();
    const onError = jest.fn();
    const { stream, closed } = openStream(res, new FakeTable(), { fetchAfter: () => Promise.reject(new Error('db down')), onError });
    await stream.wake();
    expect(onError).toHaveBeenCalled();
    expect(closed).toHaveBeenCalled();
    expect(stream.isClosed).toBe(true);
  });

  it('should wait for the client to drain before sending more when its buffer is full', async () => {
    const res = new FakeResponse();
    const table = new FakeTable();
    table.rows = [view(1), view(2)];
    let full = true;
    const write = res.write.bind(res);
    res.write = (chunk: string) => {
      write(chunk);
      return !full;
    };
    const { stream } = openStream(res, table);
    void stream.wake();
    await new Promise((r) => setImmediate(r));
    expect(res.seqs()).toEqual([1]);
    full = false;
    res.emit('drain');
    await stream.settled();
    expect(res.seqs()).toEqual([1, 2]);
  });
});
