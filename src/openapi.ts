import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cinnoxWebhookOpenApiPaths } from 'nestjs-cinnox';

/** Serves the OpenAPI document at /docs (UI) and /docs-json, the library's webhook routes included. */
export function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('nestjs-cinnox sample')
    .setDescription('Calls tracked from CINNOX call events, and the CINNOX webhooks themselves (one route per enabled hook).')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // The library's controllers carry no swagger decorators (it does not depend on @nestjs/swagger); each
  // enabled hook's wire shapes come as plain OpenAPI data, keyed by the path the app serves the hook at.
  for (const [path, operation] of Object.entries(cinnoxWebhookOpenApiPaths(app))) {
    const post = document.paths[path]?.post;
    if (post) Object.assign(post, operation, { tags: ['cinnox'] });
  }
  SwaggerModule.setup('docs', app, document);
}
