import { Module } from '@nestjs/common';
import { AccountLockoutService } from './account-lockout.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CredentialThrottleGuard, CredentialThrottleModule } from './credential-throttle';
import { DemoUsersRefusal } from './demo-users';
import { PasswordHasher } from './password-hasher';
import { SignatureService } from './signature.service';
import { SigningSessionRepository } from './signing-session.repository';
import { UserAdminService } from './user-admin.service';
import { UserRepository } from './user.repository';
import { UsersController } from './users.controller';

@Module({
  imports: [CredentialThrottleModule],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    SignatureService,
    UserAdminService,
    AccountLockoutService,
    PasswordHasher,
    UserRepository,
    SigningSessionRepository,
    DemoUsersRefusal,
    CredentialThrottleGuard,
  ],
})
export class UsersModule {}
