import { ArgumentsHost, LoggerService, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ProblemFilter } from './problem.filter';
import { ConflictProblem, TooManyRequestsProblem, ValidationProblem } from './problems';

function arrange(headersSent = false, url = '/batches/42') {
  const response = {
    headersSent,
    setHeader: jest.fn(),
    status: jest.fn().mockReturnThis(),
    type: jest.fn().mockReturnThis(),
    send: jest.fn().mockReturnThis(),
  };
  const request = { url };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }) } as unknown as ArgumentsHost;
  const logger: LoggerService = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const filter = new ProblemFilter(logger);
  const sent = () => JSON.parse(response.send.mock.calls[0][0]);
  return { filter, host, response, logger, sent };
}

describe(ProblemFilter.name, () => {
  it('should render status, code, detail and field errors as problem+json when a Problem is thrown', () => {
    // Arrange
    const { filter, host, response, sent } = arrange();
    const problem = new ValidationProblem([{ field: 'lotNumber', reason: 'is required' }]);

    // Act
    filter.catch(problem, host);

    // Assert
    expect(response.status).toHaveBeenCalledWith(400);
    expect(response.type).toHaveBeenCalledWith('application/problem+json');
    expect(sent()).toEqual({
      type: 'about:blank',
      instance: '/batches/42',
      status: 400,
      code: 'validation-failed',
      title: 'validation-failed',
      detail: 'The request is not valid',
      errors: [{ field: 'lotNumber', reason: 'is required' }],
    });
  });

  it('should use the status and code of the problem when it is a domain problem', () => {
    // Arrange
    const { filter, host, response, sent } = arrange();

    // Act
    filter.catch(new ConflictProblem('batch-already-released', 'Batch 42 is already released'), host);

    // Assert
    expect(response.status).toHaveBeenCalledWith(409);
    expect(sent()).toMatchObject({ status: 409, code: 'batch-already-released', detail: 'Batch 42 is already released' });
  });

  it('should send Retry-After with a 429 problem so the client knows when to try again', () => {
    // Arrange
    const { filter, host, response, sent } = arrange();

    // Act
    filter.catch(new TooManyRequestsProblem('Too many attempts; try again in 17 s', 17), host);

    // Assert
    expect(response.setHeader).toHaveBeenCalledWith('Retry-After', '17');
    expect(sent()).toMatchObject({ status: 429, code: 'too-many-requests' });
  });

  it('should answer 500 internal-error without leaking the message when an unknown error is thrown', () => {
    // Arrange
    const { filter, host, response, logger, sent } = arrange();

    // Act
    filter.catch(new Error('password=hunter2 in connection string'), host);

    // Assert
    expect(response.status).toHaveBeenCalledWith(500);
    expect(sent()).toMatchObject({ status: 500, code: 'internal-error', errors: [] });
    expect(response.send.mock.calls[0][0]).not.toContain('hunter2');
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ error: expect.stringContaining('hunter2') }), 'ProblemFilter');
  });

  it('should map a Nest NotFoundException to 404 not-found when a route is missing', () => {
    // Arrange
    const { filter, host, response, sent } = arrange();

    // Act
    filter.catch(new NotFoundException('Cannot GET /nowhere'), host);

    // Assert
    expect(response.status).toHaveBeenCalledWith(404);
    expect(sent()).toMatchObject({ status: 404, code: 'not-found', detail: 'Cannot GET /nowhere', errors: [] });
  });

  it('should map another Nest HttpException to its own status when thrown', () => {
    // Arrange
    const { filter, host, response, sent } = arrange();

    // Act
    filter.catch(new PayloadTooLargeException(), host);

    // Assert
    expect(response.status).toHaveBeenCalledWith(413);
    expect(sent()).toMatchObject({ status: 413, code: 'payload-too-large' });
  });

  it.each([
    [413, 'entity.too.large', 'payload-too-large'],
    [415, 'charset.unsupported', 'unsupported-media-type'],
  ])('should answer %s %s when the body parser refuses the body', (status, type, code) => {
    // Arrange
    const { filter, host, response, sent } = arrange();
    const error = Object.assign(new Error('refused'), { status, statusCode: status, expose: true, type });

    // Act
    filter.catch(error, host);

    // Assert
    expect(response.status).toHaveBeenCalledWith(status);
    expect(sent()).toMatchObject({ status, code });
  });

  it('should neither echo nor log an SSE query token when a stream request fails', () => {
    // Arrange
    const { filter, host, response, logger, sent } = arrange(false, '/stream?access_token=eyJa.eyJb.sig');

    // Act
    filter.catch(new Error('boom'), host);

    // Assert
    expect(sent().instance).toBe('/stream?access_token=[REDACTED]');
    expect(JSON.stringify((logger.error as jest.Mock).mock.calls)).not.toContain('eyJa');
    expect(response.status).toHaveBeenCalledWith(500);
  });

  it('should not write a second response when the headers were already sent', () => {
    // Arrange
    const { filter, host, response } = arrange(true);

    // Act
    filter.catch(new Error('stream broke'), host);

    // Assert
    expect(response.status).not.toHaveBeenCalled();
    expect(response.send).not.toHaveBeenCalled();
  });
});

describe('isConcurrentChange', () => {
  it('should recognise a unique violation and a deadlock from the driver, and nothing else', () => {
    const { isConcurrentChange } = jest.requireActual('./problem.filter') as typeof import('./problem.filter');
    expect(isConcurrentChange({ driverError: { code: '23505' } })).toBe(true);
    expect(isConcurrentChange({ driverError: { code: '40P01' } })).toBe(true);
    expect(isConcurrentChange({ driverError: { code: '23503' } })).toBe(false);
    expect(isConcurrentChange(new Error('boom'))).toBe(false);
  });
});
