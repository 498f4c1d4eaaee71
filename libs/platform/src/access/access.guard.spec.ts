import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenProblem, UnauthorizedProblem } from '../http/problems';
import { AuthUser, TokenIssuer, TokenSettings, TokenVerifier } from '../auth/auth';
import { AccessGuard } from './access.guard';
import { AllowQueryToken, AnyAuthenticated, Public, Roles } from './access.decorators';

const settings: TokenSettings = { secret: 's'.repeat(32), issuer: 'mes-identity', audience: 'mes' };
const operator: AuthUser = { id: 'u-1', username: 'op.olaf', name: 'Olaf', roles: ['operator'], clinicId: null };
const qa: AuthUser = { id: 'u-2', username: 'qa.anna', name: 'Anna', roles: ['qa', 'supervisor'], clinicId: null };
const tokenFor = (user: AuthUser) => new TokenIssuer(settings).issue(user).accessToken;

class ReleaseController {
  @Public()
  health(): void {}

  @Roles('qa', 'admin')
  sign(): void {}

  @AnyAuthenticated()
  list(): void {}

  undeclared(): void {}

  @AnyAuthenticated()
  @AllowQueryToken()
  stream(): void {}
}

@Roles('qa')
class QaController {
  @Public()
  status(): void {}

  review(): void {}
}

@Public()
class DocsController {
  openApi(): void {}
}

interface FakeRequest {
  headers: Record<string, string | undefined>;
  query?: Record<string, unknown>;
  user?: AuthUser;
}

function contextFor(controller: new () => unknown, handler: () => void, request: FakeRequest): ExecutionContext {
  return {
    getHandler: () => handler,
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}), getNext: () => undefined }),
  } as unknown as ExecutionContext;
}

const guard = () => new AccessGuard(new Reflector(), new TokenVerifier(settings));

function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected the guard to throw');
}

describe(AccessGuard.name, () => {
  it('should let a request through without a token when the handler is @Public', () => {
    // Arrange
    const request: FakeRequest = { headers: {} };

    // Act
    const allowed = guard().canActivate(contextFor(ReleaseController, ReleaseController.prototype.health, request));

    // Assert
    expect(allowed).toBe(true);
  });

  it('should let a request through without a token when the controller is @Public', () => {
    // Act
    const allowed = guard().canActivate(contextFor(DocsController, DocsController.prototype.openApi, { headers: {} }));

    // Assert
    expect(allowed).toBe(true);
  });

  it('should throw a 401 problem when a protected endpoint gets no token', () => {
    // Act
    const error = thrown(() => guard().canActivate(contextFor(ReleaseController, ReleaseController.prototype.list, { headers: {} })));

    // Assert
    expect(error).toBeInstanceOf(UnauthorizedProblem);
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated', message: 'missing bearer token' });
  });

  it('should throw a 401 problem when the bearer token is invalid', () => {
    // Arrange
    const request: FakeRequest = { headers: { authorization: 'Bearer not-a-jwt' } };

    // Act
    const error = thrown(() => guard().canActivate(contextFor(ReleaseController, ReleaseController.prototype.list, request)));

    // Assert
    expect(error).toBeInstanceOf(UnauthorizedProblem);
    expect(request.user).toBeUndefined();
  });

  it('should set request.user when the bearer header carries a valid token', () => {
    // Arrange
    const request: FakeRequest = { headers: { authorization: `Bearer ${tokenFor(operator)}` } };

    // Act
    const allowed = guard().canActivate(contextFor(ReleaseController, ReleaseController.prototype.list, request));

    // Assert
    expect(allowed).toBe(true);
    expect(request.user).toEqual(operator);
  });

  it('should accept the token from ?access_token when the handler allows a query token', () => {
    // Arrange
    const request: FakeRequest = { headers: {}, query: { access_token: tokenFor(operator) } };

    // Act
    const allowed = guard().canActivate(contextFor(ReleaseController, ReleaseController.prototype.stream, request));

    // Assert
    expect(allowed).toBe(true);
    expect(request.user?.id).toBe('u-1');
  });

  it('should refuse a token in ?access_token on an ordinary endpoint, so tokens stay out of URLs', () => {
    // Arrange
    const request: FakeRequest = { headers: {}, query: { access_token: tokenFor(operator) } };

    // Act
    const error = thrown(() => guard().canActivate(contextFor(ReleaseController, ReleaseController.prototype.list, request)));

    // Assert
    expect(error).toBeInstanceOf(UnauthorizedProblem);
  });

  it('should throw a 403 problem when the user lacks every required role', () => {
    // Arrange
    const request: FakeRequest = { headers: { authorization: `Bearer ${tokenFor(operator)}` } };

    // Act
    const error = thrown(() => guard().canActivate(contextFor(ReleaseController, ReleaseController.prototype.sign, request)));

    // Assert
    expect(error).toBeInstanceOf(ForbiddenProblem);
    expect(error).toMatchObject({ status: 403, code: 'forbidden', message: 'requires one of the roles: qa, admin' });
  });

  it('should pass and set request.user when the user has one of the required roles', () => {
    // Arrange
    const request: FakeRequest = { headers: { authorization: `Bearer ${tokenFor(qa)}` } };

    // Act
    const allowed = guard().canActivate(contextFor(ReleaseController, ReleaseController.prototype.sign, request));

    // Assert
    expect(allowed).toBe(true);
    expect(request.user).toEqual(qa);
  });

  it('should throw a 403 problem when a signed-in user calls a handler that declares no access', () => {
    // Arrange
    const request: FakeRequest = { headers: { authorization: `Bearer ${tokenFor(qa)}` } };

    // Act
    const error = thrown(() => guard().canActivate(contextFor(ReleaseController, ReleaseController.prototype.undeclared, request)));

    // Assert
    expect(error).toBeInstanceOf(ForbiddenProblem);
  });

  it('should still ask for a token when a handler declares no access', () => {
    // Act
    const error = thrown(() => guard().canActivate(contextFor(ReleaseController, ReleaseController.prototype.undeclared, { headers: {} })));

    // Assert
    expect(error).toBeInstanceOf(UnauthorizedProblem);
  });

  it('should refuse a clinic user who also holds a staff role when the handler is for staff roles', () => {
    // Arrange
    const mixed: AuthUser = { id: 'u-3', username: 'c', name: 'C', roles: ['clinic', 'qa'], clinicId: 'CLINIC-A' };
    const request: FakeRequest = { headers: { authorization: `Bearer ${tokenFor(mixed)}` } };

    // Act
    const error = thrown(() => guard().canActivate(contextFor(ReleaseController, ReleaseController.prototype.sign, request)));

    // Assert
    expect(error).toBeInstanceOf(ForbiddenProblem);
  });

  it("should apply the controller's roles when the handler declares none, and the handler's when it does", () => {
    // Arrange
    const asOperator: FakeRequest = { headers: { authorization: `Bearer ${tokenFor(operator)}` } };

    // Act
    const review = thrown(() => guard().canActivate(contextFor(QaController, QaController.prototype.review, asOperator)));
    const status = guard().canActivate(contextFor(QaController, QaController.prototype.status, { headers: {} }));

    // Assert
    expect(review).toBeInstanceOf(ForbiddenProblem);
    expect(status).toBe(true);
  });
});
