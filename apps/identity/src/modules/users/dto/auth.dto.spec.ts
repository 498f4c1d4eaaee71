import { reauthenticateSchema } from './auth.dto';

describe('reauthenticateSchema', () => {
  it.each([
    ['absent', { password: 'pw' }, undefined],
    ['blank', { password: 'pw', username: '   ' }, undefined],
    ['padded', { password: 'pw', username: ' qa ' }, 'qa'],
  ])('should read the username when it is %s', (_, body, expected) => {
    // Act
    const parsed = reauthenticateSchema.parse(body);

    // Assert
    expect(parsed.username).toBe(expected);
  });

  it('should refuse unknown fields and an empty password', () => {
    // Act / Assert
    expect(reauthenticateSchema.safeParse({ password: 'pw', user: 'qa' }).success).toBe(false);
    expect(reauthenticateSchema.safeParse({ password: '' }).success).toBe(false);
  });
});
