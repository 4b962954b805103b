/**
 * Lookup over `entities.csv`, the plan catalogue every layer feature must point back to.
 *
 * Failing loudly on an unknown id is the point: a typo in a builder would otherwise produce a
 * feature whose `catalogue_id` the app cannot resolve, and the coverage check against the plan
 * would silently pass.
 */
import type { CatalogueRow } from './raw-inputs.ts';

/** Read-only index of the catalogue rows by id, with the district rows keyed by the plan's name. */
export class PlanCatalogue {
  readonly #byId: ReadonlyMap<string, CatalogueRow>;

  constructor(rows: readonly CatalogueRow[]) {
    const byId = new Map<string, CatalogueRow>();
    for (const row of rows) {
      if (byId.has(row.id)) throw new Error(`entities.csv: duplicate id ${row.id}`);
      byId.set(row.id, row);
    }
    this.#byId = byId;
  }

  /** The row with this id; throws if the catalogue has none. */
  row(id: string): CatalogueRow {
    const row = this.#byId.get(id);
    if (!row) throw new Error(`entities.csv has no row with id ${id}`);
    return row;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** All rows of one category, in file order. */
  rowsOfCategory(category: string): CatalogueRow[] {
    return [...this.#byId.values()].filter((r) => r.category === category);
  }
}
