import { JsonLogger } from './json-logger';
import { redactSecrets } from './redact';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxYSJ9.c2lnbmF0dXJlLXBhcnQ';

describe(JsonLogger.name, () => {
  it('should redact an SSE query token, a bearer header and a bare JWT in every line it writes', () => {
    // Arrange
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    const logger = new JsonLogger('notification');

    // Act
    try {
      logger.error({ msg: 'unhandled error', path: `/notifications/stream?clinic=A&access_token=${jwt}` }, 'ProblemFilter');
      logger.warn(`retrying with authorization: Bearer ${jwt}`);
      logger.log({ msg: 'x', detail: { token: jwt } });
    } finally {
      spy.mockRestore();
    }

    // Assert
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toContain('c2lnbmF0dXJlLXBhcnQ');
    expect(JSON.parse(lines[0]).path).toBe('/notifications/stream?clinic=A&access_token=[REDACTED]');
    expect(JSON.parse(lines[1]).msg).toBe('retrying with authorization: Bearer [REDACTED]');
  });
});

describe('redactSecrets', () => {
  it('should leave text without tokens unchanged', () => {
    expect(redactSecrets('/batches/42?limit=20&status=open')).toBe('/batches/42?limit=20&status=open');
  });
});
