import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CINNOX_DEFAULT_HOOK_PATHS, CINNOX_WEBHOOK_OPENAPI } from 'nestjs-cinnox';

/** Serves the OpenAPI document at /docs (UI) and /docs-json, the library's webhook included. */
export function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('nestjs-cinnox sample')
    .setDescription('Calls tracked from CINNOX call events, and the CINNOX webhook itself.')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // The library's controller carries no swagger decorators (it does not depend on @nestjs/swagger);
  // its wire shapes come as plain OpenAPI data.
  const operation = document.paths[`/${CINNOX_DEFAULT_HOOK_PATHS.call}`]?.post;
  if (operation) Object.assign(operation, CINNOX_WEBHOOK_OPENAPI, { tags: ['cinnox'] });
  SwaggerModule.setup('docs', app, document);
}
