import { schemaDrift } from '@yibao/test-kit';
import { entities } from '../../src/entities';
import { migrations } from '../../src/migrations';

describe('benefits database schema', () => {
  it("the entities match the migrations: after migrating, TypeORM's schema builder finds nothing to change", async () => {
    expect(await schemaDrift('benefits', entities, migrations)).toEqual([]);
  });
});
