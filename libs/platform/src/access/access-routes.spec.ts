import { Controller, Get, Module, Post } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AnyAuthenticated, Public, Roles } from './access.decorators';
import { AccessDeclarationCheck, controllersOf, routesOf, undeclaredRoutes } from './access-routes';

@Controller('lots')
class LotsController {
  @Get(':id')
  @Roles('materials', 'qa')
  get(): void {}

  @Post()
  receive(): void {}

  @Get('me')
  @AnyAuthenticated()
  me(): void {}

  helper(): void {}
}

@Controller('health')
@Public()
class HealthController {
  @Get('live')
  live(): void {}

  @Get('closed')
  @Roles()
  closed(): void {}
}

@Module({ controllers: [LotsController] })
class LotsModule {}

const declaredModule = (controllers: (new () => object)[]) => {
  @Module({ imports: [DiscoveryModule], controllers, providers: [AccessDeclarationCheck] })
  class AppModule {}
  return AppModule;
};

describe(routesOf.name, () => {
  it('should list every routed handler with its method, full path and declared access, and no plain method', () => {
    expect(routesOf(LotsController)).toEqual([
      {
        controller: 'LotsController',
        handler: 'get',
        method: 'GET',
        path: '/lots/:id',
        access: { kind: 'roles', roles: ['materials', 'qa'] },
        allowQueryToken: false,
      },
      { controller: 'LotsController', handler: 'receive', method: 'POST', path: '/lots', access: undefined, allowQueryToken: false },
      {
        controller: 'LotsController',
        handler: 'me',
        method: 'GET',
        path: '/lots/me',
        access: { kind: 'any-authenticated' },
        allowQueryToken: false,
      },
    ]);
  });
});

describe(controllersOf.name, () => {
  it('should find the controllers of imported and dynamic modules', () => {
    const root = { module: class Root {}, imports: [LotsModule, { module: class Platform {}, controllers: [HealthController] }] };
    expect(controllersOf(root)).toEqual([LotsController, HealthController]);
  });
});

describe(undeclaredRoutes.name, () => {
  it('should name the handlers with no access and with an empty @Roles(), and take a controller-level @Public for the rest', () => {
    expect(undeclaredRoutes([LotsController, HealthController]).map((r) => `${r.controller}.${r.handler}`)).toEqual([
      'LotsController.receive',
      'HealthController.closed',
    ]);
  });
});

describe(AccessDeclarationCheck.name, () => {
  it('should stop the boot naming the controller and method when a handler declares no access', async () => {
    // Arrange
    const moduleRef = await Test.createTestingModule({ imports: [declaredModule([LotsController])] }).compile();

    // Act / Assert
    await expect(moduleRef.init()).rejects.toThrow(/access not declared: .*LotsController\.receive \(POST \/lots\)/);
  });

  it('should let the boot go on when every handler declares its access', async () => {
    // Arrange
    @Controller('ok')
    class OkController {
      @Get()
      @AnyAuthenticated()
      list(): void {}
    }
    const moduleRef = await Test.createTestingModule({ imports: [declaredModule([OkController])] }).compile();

    // Act / Assert
    await expect(moduleRef.init()).resolves.toBeDefined();
    await moduleRef.close();
  });
});
