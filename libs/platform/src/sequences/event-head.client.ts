import { z } from 'zod';
import { Problem } from '../http/problems';
import { EventHead } from './event-sequences';

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

const headSchema = z.object({
  subject: z.string().min(1),
  producer: z.string().min(1),
  sequence: z.number().int().nonnegative(),
  applied: z.record(z.string(), z.number().int().nonnegative()),
  // Required: an owner that cannot say whether it holds a dead letter about the subject is not trusted (fail closed).
  pendingDeadLetters: z.number().int().nonnegative(),
});

/** Raised when the owner of an aggregate cannot say how far its events go: a gate that needs it must refuse. */
export class EventHeadUnavailableProblem extends Problem {
  constructor(producer: string, detail: string) {
    super(503, 'event-head-unavailable', `${detail}; ${producer} could not confirm its latest events, so nothing was signed`);
  }
}

/** Asks a service over HTTP for the head of one of its aggregates, with the caller's own token; fails closed. */
export class EventHeadClient {
  constructor(
    private readonly timeoutMs = 5_000,
    private readonly fetchImpl: FetchLike = (url, init) => fetch(url, init),
  ) {}

  async head(producer: string, baseUrl: string, subject: string, token: string): Promise<EventHead> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${baseUrl.replace(/\/$/, '')}/event-heads/${encodeURIComponent(subject)}`, {
        method: 'GET',
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw new EventHeadUnavailableProblem(producer, `${producer} is unreachable`);
    }
    if (response.status !== 200) throw new EventHeadUnavailableProblem(producer, `${producer} answered ${response.status}`);
    const head = headSchema.safeParse(await response.json().catch(() => undefined));
    if (!head.success || head.data.producer !== producer || head.data.subject !== subject) {
      throw new EventHeadUnavailableProblem(producer, `${producer} gave an unexpected answer`);
    }
    return head.data;
  }
}
