import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenProblem, UnauthorizedProblem } from '../http/problems';
import { AuthUser, InvalidTokenError, Role, TokenVerifier } from './auth';

const PUBLIC_KEY = 'mes:public';
const ROLES_KEY = 'mes:roles';
const QUERY_TOKEN_KEY = 'mes:query-token';

/** Marks an endpoint that needs no token (health, login, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Accepts the token as ?access_token= (only for EventSource streams, which cannot send headers). */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN_KEY, true);
/** The caller needs at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);
/** The caller's verified bearer token, for calls made on their behalf (e.g. checking an e-signature). */
export const CurrentToken = createParamDecorator((_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest().authToken);

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
    const token = bearerToken(request, this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN_KEY, targets) === true);
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
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required?.length && !required.some((r) => user.roles.includes(r))) {
      throw new ForbiddenProblem(`requires one of the roles: ${required.join(', ')}`);
    }
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
