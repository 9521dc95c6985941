import { Injectable } from '@nestjs/common';
import { type DirectoryUser, UserDirectory } from '@opwire-examples/demo-kit';

/** The users table of each tenant (in memory, demo data). */
@Injectable()
export class UsersService {
  readonly #directory = new UserDirectory();

  list(tenantId: string): DirectoryUser[] {
    return this.#directory.list(tenantId);
  }

  add(tenantId: string, users: readonly DirectoryUser[]): void {
    this.#directory.add(tenantId, users);
  }
}
