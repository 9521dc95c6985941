import { Injectable } from '@nestjs/common';
import { OpwireService } from '@opwire/nest';
import {
  type DemoUser,
  type ImportRequest,
  importDurationMs,
  importSpeed,
  runUserImport,
  userImport,
} from '@opwire-examples/demo-kit';
import { UsersService } from '../users/users.service.js';

@Injectable()
export class ImportsService {
  readonly #speed = importSpeed();

  constructor(
    private readonly opwire: OpwireService,
    private readonly users: UsersService,
  ) {}

  /** Starts the import as an opwire operation the whole tenant can follow; returns its id. */
  start(user: DemoUser, request: ImportRequest): string {
    const { id } = this.opwire.operation.track(
      userImport,
      (op) =>
        runUserImport(op, request, {
          speed: this.#speed,
          save: (rows) => this.users.add(user.tenantId, rows),
        }),
      {
        audience: { tenant: user.tenantId },
        title: 'CSV user import',
        tables: ['users'],
        estimatedDurationMs: importDurationMs(this.#speed),
      },
    );
    return id;
  }
}
