/// <reference types="reflect-metadata" />
import type { Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { OpwireError } from '@opwire/server';
import type { OpwireSocketTarget } from './opwireModuleOptions.js';

/** The metadata key `@WebSocketServer()` sets on its property (what Nest's own gateway explorer reads). */
const GATEWAY_SERVER_METADATA = 'websockets:is_socket';

/**
 * The Socket.IO server or namespace Nest put in the gateway's
 * `@WebSocketServer()` property; Nest fills it before module init.
 */
export function gatewayServer(moduleRef: ModuleRef, gateway: Type<object>): OpwireSocketTarget {
  const instance = moduleRef.get(gateway, { strict: false });
  const property = serverProperty(instance);
  if (property === undefined) {
    throw new OpwireError(
      'invalid_option',
      `${gateway.name} has no @WebSocketServer() property: add \`@WebSocketServer() server: Server;\` to the gateway.`,
    );
  }
  const server: unknown = Reflect.get(instance, property);
  if (typeof server !== 'object' || server === null) {
    throw new OpwireError(
      'invalid_option',
      `${gateway.name}.${String(property)} is empty: is ${gateway.name} listed in a module's providers, with @nestjs/platform-socket.io installed?`,
    );
  }
  return server as OpwireSocketTarget;
}

function serverProperty(instance: object): string | symbol | undefined {
  for (
    let target: object | null = instance;
    target !== null;
    target = Object.getPrototypeOf(target)
  ) {
    for (const key of Reflect.ownKeys(target)) {
      if (Reflect.getMetadata(GATEWAY_SERVER_METADATA, instance, key) === true) return key;
    }
  }
  return undefined;
}
