import {
  createEvent,
  parseEvent,
  isEvent,
  ContractViolationError,
  OrderPlacedV1,
  StepCompletedV1,
  Topics,
  eventDefinitions,
} from './index';

const meta = { producer: 'batch-record', subject: '8a3c2b7e-7c41-4d0b-9d51-2c8f6a0b1e11' };
const order = {
  orderId: '8a3c2b7e-7c41-4d0b-9d51-2c8f6a0b1e11',
  coi: 'COI-AB12-CD34',
  clinicId: 'CLINIC-A',
  productCode: 'CD19-CAR-T',
  slotDate: '2026-12-01',
  placedBy: 'clinic-a',
};

describe('event contracts', () => {
  it('should build an envelope with ids and time when data is valid', () => {
    const event = createEvent(OrderPlacedV1, order, meta);
    expect(event.type).toBe('batch-record.order.placed');
    expect(event.version).toBe(1);
    expect(event.correlationId).toBe(event.eventId);
    expect(event.data).toEqual(order);
  });

  it('should refuse to produce an event when data breaks the schema', () => {
    expect(() => createEvent(OrderPlacedV1, { ...order, coi: 'patient-name' }, meta)).toThrow(ContractViolationError);
  });

  it('should round-trip through JSON and validate on the consuming side', () => {
    const wire = JSON.parse(JSON.stringify(createEvent(OrderPlacedV1, order, meta)));
    const parsed = parseEvent(wire);
    expect(parsed.known).toBe(true);
    expect(isEvent(parsed.envelope, OrderPlacedV1)).toBe(true);
    expect(isEvent(parsed.envelope, StepCompletedV1)).toBe(false);
  });

  it('should reject a consumed event whose data was altered to break the contract', () => {
    const wire = JSON.parse(JSON.stringify(createEvent(OrderPlacedV1, order, meta)));
    wire.data.clinicId = '';
    expect(() => parseEvent(wire)).toThrow(/Invalid batch-record.order.placed v1/);
  });

  it('should reject a malformed envelope', () => {
    expect(() => parseEvent({ type: 'x' })).toThrow(ContractViolationError);
  });

  it('should report an unknown type as unknown rather than fail', () => {
    const wire = JSON.parse(JSON.stringify(createEvent(OrderPlacedV1, order, meta)));
    wire.type = 'batch-record.order.teleported';
    expect(parseEvent(wire).known).toBe(false);
  });

  it('should put every event on a topic named mes.<service>.<aggregate>.v<major>', () => {
    const topics = new Set(Object.values(Topics));
    for (const d of eventDefinitions()) {
      expect(topics.has(d.topic)).toBe(true);
      expect(d.topic).toMatch(/^mes\.[a-z-]+\.[a-z-]+\.v\d+$/);
      expect(d.type.startsWith(d.topic.split('.')[1])).toBe(true);
    }
  });
});
