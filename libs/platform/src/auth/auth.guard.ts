import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenProblem, UnauthorizedProblem } from '../http/problems';
import { AuthUser, InvalidTokenError, Role, TokenVerifier } from './auth';

const PUBLIC_KEY = 'mes:public';
const ROLES_KEY = 'mes:roles';

/** Marks an endpoint that needs no token (health, login, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** The caller needs at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);

/** Global guard: every endpoint needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const token = bearerToken(request);
    if (!token) throw new UnauthorizedProblem('missing bearer token');
    let user: AuthUser;
    try {
      user = this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedProblem(error.message);
      throw error;
    }
    request.user = user;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required?.length && !required.some((r) => user.roles.includes(r))) {
      throw new ForbiddenProblem(`requires one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}

function bearerToken(request: { headers: Record<string, string | undefined>; query?: Record<string, unknown> }): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  // EventSource cannot set headers: the real-time stream accepts the token as a query parameter.
  const fromQuery = request.query?.access_token;
  return typeof fromQuery === 'string' && fromQuery ? fromQuery : null;
}
