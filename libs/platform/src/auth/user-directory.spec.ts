import { UserDirectory } from './user-directory';

const qa = { username: 'qa', displayName: 'Alex QA-Person', roles: ['qa'], active: true };
const answer = (status: number, body?: unknown) => async () => new Response(body === undefined ? null : JSON.stringify(body), { status });

describe(UserDirectory.name, () => {
  it('should ask identity for the user with the caller token and return it when it exists', async () => {
    // Arrange
    const fetchImpl = jest.fn(answer(200, qa));
    const directory = new UserDirectory('http://identity', 1_000, fetchImpl);

    // Act
    const user = await directory.find('caller-token', 'qa/../x');

    // Assert
    expect(user).toEqual(qa);
    expect(fetchImpl).toHaveBeenCalledWith(
      'http://identity/users/qa%2F..%2Fx',
      expect.objectContaining({ method: 'GET', headers: { authorization: 'Bearer caller-token' } }),
    );
  });

  it('should answer null when identity has no such user', async () => {
    expect(await new UserDirectory('http://identity', 1_000, answer(404, { code: 'not-found' })).find('t', 'ghost')).toBeNull();
  });

  it.each([
    ['identity is unreachable', async () => Promise.reject(new TypeError('fetch failed'))],
    ['identity answers 500', answer(500, { code: 'internal-error' })],
    ['identity refuses the caller (403)', answer(403, { code: 'forbidden' })],
    ['identity answers something else', answer(200, { hello: 'world' })],
  ])('should fail closed with 503 when %s', async (_, fetchImpl) => {
    await expect(new UserDirectory('http://identity', 1_000, fetchImpl as never).find('t', 'qa')).rejects.toMatchObject({
      status: 503,
      code: 'identity-unavailable',
    });
  });

  it('should refuse with 422 naming the field when the user is unknown or deactivated', async () => {
    await expect(new UserDirectory('http://identity', 1_000, answer(404)).assertActive('t', 'ghost')).rejects.toMatchObject({
      status: 422,
      code: 'unknown-user',
      errors: [{ field: 'username', reason: 'is not a user' }],
    });
    await expect(
      new UserDirectory('http://identity', 1_000, answer(200, { ...qa, active: false })).assertActive('t', 'qa'),
    ).rejects.toMatchObject({
      status: 422,
      code: 'inactive-user',
    });
  });
});
