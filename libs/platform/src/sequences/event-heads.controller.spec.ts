import { BaseConfig } from '../config/config';
import { ValidationProblem } from '../http/problems';
import { EventHeadsController } from './event-heads.controller';
import { EventSequences } from './event-sequences';

function arrange() {
  const head = jest.fn(async (producer: string, subject: string) => ({
    subject,
    producer,
    sequence: 3,
    applied: {},
    pendingDeadLetters: 0,
  }));
  const controller = new EventHeadsController({ head } as unknown as EventSequences, { SERVICE_NAME: 'batch-record' } as BaseConfig);
  return { controller, head };
}

describe(EventHeadsController.name, () => {
  it('should answer the head of the subject as this service’s producer name', async () => {
    // Arrange
    const { controller } = arrange();

    // Act
    const answer = await controller.head('5b1d0c44-2f7a-4c1e-8d3b-9a6e7f0c2d13');

    // Assert
    expect(answer).toEqual({
      subject: '5b1d0c44-2f7a-4c1e-8d3b-9a6e7f0c2d13',
      producer: 'batch-record',
      sequence: 3,
      applied: {},
      pendingDeadLetters: 0,
    });
  });

  it.each([['a\u0000b'], ['\ud800'], ['x'.repeat(201)], [' '], ['🧪']])(
    'should refuse the subject %j with 400 before any query',
    (subject) => {
      // Arrange
      const { controller, head } = arrange();

      // Act
      const answer = () => controller.head(subject);

      // Assert
      expect(answer).toThrow(ValidationProblem);
      expect(head).not.toHaveBeenCalled();
    },
  );
});
