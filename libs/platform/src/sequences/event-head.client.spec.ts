import { EventHeadClient, EventHeadUnavailableProblem } from './event-head.client';

const SUBJECT = '5b1d0c44-2f7a-4c1e-8d3b-9a6e7f0c2d13';
const head = { subject: SUBJECT, producer: 'batch-record', sequence: 7, applied: { inventory: 2 }, pendingDeadLetters: 1 };

function arrange(answer: () => Promise<Response>) {
  const fetchImpl = jest.fn((_url: string, _init: RequestInit) => answer());
  return { client: new EventHeadClient(1_000, fetchImpl), fetchImpl };
}

const json = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status }));

describe(EventHeadClient.name, () => {
  it('should ask the owner for the subject with the caller’s token and return its head', async () => {
    // Arrange
    const { client, fetchImpl } = arrange(() => json(200, head));

    // Act
    const result = await client.head('batch-record', 'http://br:3001/', SUBJECT, 'qa-token');

    // Assert
    expect(result).toEqual(head);
    const [url, init] = fetchImpl.mock.calls[0];
    expect(url).toBe(`http://br:3001/event-heads/${SUBJECT}`);
    expect(init.headers).toEqual({ authorization: 'Bearer qa-token' });
  });

  it.each([
    ['unreachable', () => Promise.reject(new TypeError('fetch failed')), /batch-record is unreachable/],
    ['answering 403', () => json(403, { code: 'forbidden' }), /batch-record answered 403/],
    ['answering another producer', () => json(200, { ...head, producer: 'inventory' }), /unexpected answer/],
    ['answering without a sequence', () => json(200, { subject: SUBJECT, producer: 'batch-record' }), /unexpected answer/],
    ['not saying how many dead letters it holds', () => json(200, { ...head, pendingDeadLetters: undefined }), /unexpected answer/],
  ])('should fail closed with a 503 problem when the owner is %s', async (_what, answer, detail) => {
    // Arrange
    const { client } = arrange(answer);

    // Act
    const result = client.head('batch-record', 'http://br:3001', SUBJECT, 'qa-token');

    // Assert
    await expect(result).rejects.toBeInstanceOf(EventHeadUnavailableProblem);
    await expect(result).rejects.toMatchObject({ status: 503, code: 'event-head-unavailable', message: expect.stringMatching(detail) });
  });
});
