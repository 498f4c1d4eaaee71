import { DynamicModule, Injectable, OnModuleInit, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { DeclaredAccess, QUERY_TOKEN_KEY, declaredAccess } from './access.decorators';

/** One HTTP route and the access it declares. */
export interface RouteAccess {
  controller: string;
  handler: string;
  method: string;
  /** Express-style, e.g. /batches/:id/review. */
  path: string;
  access: DeclaredAccess | undefined;
  allowQueryToken: boolean;
}

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
const firstPath = (p: string | string[] | undefined) => (Array.isArray(p) ? p[0] : p) ?? '';

/** Every route of a controller class, read from Nest's routing metadata. */
export function routesOf(controller: Type): RouteAccess[] {
  const base = firstPath(Reflect.getMetadata(PATH_METADATA, controller));
  const prototype = controller.prototype as Record<string, object>;
  return new MetadataScanner().getAllMethodNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
    if (method === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined) return [];
    return [
      {
        controller: controller.name,
        handler: name,
        method: RequestMethod[method],
        path: joinPath(base, firstPath(Reflect.getMetadata(PATH_METADATA, handler))),
        access: declaredAccess(controller, handler),
        allowQueryToken: (Reflect.getMetadata(QUERY_TOKEN_KEY, handler) ?? Reflect.getMetadata(QUERY_TOKEN_KEY, controller)) === true,
      },
    ];
  });
}

/** The controllers of a module tree, without instantiating anything (for the access matrix). */
export function controllersOf(root: Type | DynamicModule, seen = new Set<unknown>()): Type[] {
  const moduleClass = 'module' in root ? root.module : root;
  const key = 'module' in root ? root : moduleClass;
  if (seen.has(key)) return [];
  seen.add(key);
  const meta = (k: string) => (Reflect.getMetadata(k, moduleClass) ?? []) as unknown[];
  const dynamic = 'module' in root ? root : { controllers: [], imports: [] };
  const controllers = [...meta(MODULE_METADATA.CONTROLLERS), ...(dynamic.controllers ?? [])] as Type[];
  const imports = [...meta(MODULE_METADATA.IMPORTS), ...(dynamic.imports ?? [])] as (Type | DynamicModule)[];
  return [...new Set([...controllers, ...imports.flatMap((m) => controllersOf(m, seen))])];
}

/** Routes whose access is missing or grants nobody (an empty @Roles()). */
export function undeclaredRoutes(controllers: Type[]): RouteAccess[] {
  return controllers.flatMap(routesOf).filter((r) => !r.access || (r.access.kind === 'roles' && r.access.roles.length === 0));
}

/** Stops the boot when a handler declares no access: deny by default must never silently mean "open" or "closed". */
@Injectable()
export class AccessDeclarationCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const controllers = this.discovery.getControllers().flatMap((w) => (w.metatype ? [w.metatype as Type] : []));
    const missing = undeclaredRoutes(controllers);
    if (missing.length > 0) {
      const names = missing.map((r) => `${r.controller}.${r.handler} (${r.method} ${r.path})`).join(', ');
      throw new Error(`access not declared: add @Roles(...), @AnyAuthenticated() or @Public() to ${names}`);
    }
  }
}
