import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller.js';
import { AdminTokenGuard } from './admin-token.guard.js';

/** The admin routes; AppModule imports this only when ADMIN_TOKEN is set. */
@Module({ controllers: [AdminController], providers: [AdminTokenGuard] })
export class AdminModule {}
