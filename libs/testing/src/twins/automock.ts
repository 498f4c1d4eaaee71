/// <reference types="jest" />

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClass<T> = abstract new (...args: any[]) => T;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Method = (...args: any[]) => any;
type Stubs<T> = { [K in keyof T]?: T[K] extends Method ? (...args: Parameters<T[K]>) => ReturnType<T[K]> : never };

/**
 * A strict mock of a class: every method is a jest.fn that throws "unexpected call Class.method" until the
 * spec stubs it (here or with mockResolvedValue & co), so a collaborator the spec did not expect fails it.
 */
export function automock<T extends object>(type: AnyClass<T>, stubs: Stubs<T> = {}): jest.Mocked<T> {
  const mock: Record<string, jest.Mock> = {};
  for (let proto = type.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (name === 'constructor' || name in mock || typeof descriptor?.value !== 'function') continue;
      mock[name] = jest.fn((...args: unknown[]) => {
        throw new Error(`unexpected call ${type.name}.${name}(${args.map(describe).join(', ')})`);
      });
    }
  }
  for (const [name, impl] of Object.entries(stubs)) {
    if (!(name in mock)) throw new Error(`${type.name} has no method ${name}`);
    mock[name].mockImplementation(impl as Method);
  }
  return mock as unknown as jest.Mocked<T>;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'Function';
  if (value === null || typeof value !== 'object') return String(value);
  return value.constructor?.name ?? 'object';
}
