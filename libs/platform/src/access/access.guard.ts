import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenProblem, UnauthorizedProblem } from '../http/problems';
import { AuthUser, InvalidTokenError, TokenVerifier } from '../auth/auth';
import { QUERY_TOKEN_KEY, declaredAccess } from './access.decorators';
import { actingRoles } from './roles';

/** Global guard, deny by default: a handler is reachable only as its @Public / @AnyAuthenticated / @Roles says. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = declaredAccess(context.getClass(), context.getHandler());
    if (access?.kind === 'public') return true;
    const request = context.switchToHttp().getRequest();
    const allowQuery = this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN_KEY, [context.getHandler(), context.getClass()]) === true;
    const token = bearerToken(request, allowQuery);
    if (!token) throw new UnauthorizedProblem('missing bearer token');
    let user: AuthUser;
    try {
      user = this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedProblem(error.message);
      throw error;
    }
    request.user = user;
    request.authToken = token;
    // The boot refuses undeclared handlers; should one slip through, it is closed, not open.
    if (!access) throw new ForbiddenProblem('this endpoint declares no access');
    if (access.kind === 'any-authenticated') return true;
    const roles = actingRoles(user);
    if (!access.roles.some((r) => roles.includes(r))) throw new ForbiddenProblem(`requires one of the roles: ${access.roles.join(', ')}`);
    return true;
  }
}

function bearerToken(
  request: { headers: Record<string, string | undefined>; query?: Record<string, unknown> },
  allowQuery: boolean,
): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  if (!allowQuery) return null;
  // Tokens in URLs end up in access logs, so only endpoints marked @AllowQueryToken() take one.
  const fromQuery = request.query?.access_token;
  return typeof fromQuery === 'string' && fromQuery ? fromQuery : null;
}
