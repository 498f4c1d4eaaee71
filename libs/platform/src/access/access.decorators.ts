import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { AuthUser } from '../auth/auth';
import { Role } from './roles';

/** Who may call a handler; every handler declares one (the boot stops otherwise). */
export type DeclaredAccess = { kind: 'public' } | { kind: 'any-authenticated' } | { kind: 'roles'; roles: readonly Role[] };

export const ACCESS_KEY = 'mes:access';
export const QUERY_TOKEN_KEY = 'mes:query-token';

/** No token needed (health, login, API docs). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies DeclaredAccess);
/** Any signed-in user, clinic users included (e.g. "who am I"). */
export const AnyAuthenticated = () => SetMetadata(ACCESS_KEY, { kind: 'any-authenticated' } satisfies DeclaredAccess);
/** The caller needs at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies DeclaredAccess);
/** Accepts the token as ?access_token= (only for EventSource streams, which cannot send headers). */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN_KEY, true);

/** The access a handler declares (its own, else its controller's); undefined when it declares none. */
export function declaredAccess(controller: object, handler: object): DeclaredAccess | undefined {
  return Reflect.getMetadata(ACCESS_KEY, handler) ?? Reflect.getMetadata(ACCESS_KEY, controller);
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);
/** The caller's verified bearer token, for calls made on their behalf (e.g. checking an e-signature). */
export const CurrentToken = createParamDecorator((_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest().authToken);
