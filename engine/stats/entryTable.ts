// The scenario's request table: every distinct (name, method) entry a report may carry, numbered
// in step order. Protocol 3 reports name an entry by its index here, so the master and each worker
// build the table from the same scenario source (the master sends the source in `start`).
import { allSteps } from '../../scenario/index';
import type { Scenario } from '../../scenario/model';

export interface EntryName {
  name: string;
  method: string;
}

export class EntryTable {
  private readonly list: EntryName[] = [];
  /** method -> name -> index: no string is built per lookup. */
  private readonly byMethod = new Map<string, Map<string, number>>();

  /** The request steps' (name, method) pairs, without repeats, in the order of `allSteps`. */
  static forScenario(scenario: Scenario): EntryTable {
    const table = new EntryTable();
    for (const step of allSteps(scenario)) if (step.kind === 'request') table.intern(step.name, step.method);
    return table;
  }

  get size(): number {
    return this.list.length;
  }

  /** The entry at `index`, or undefined when the table has no such index. */
  at(index: number): EntryName | undefined {
    return this.list[index];
  }

  indexOf(name: string, method: string): number | undefined {
    return this.byMethod.get(method)?.get(name);
  }

  /**
   * The index of (name, method), added at the end when new. The master's table is fixed once
   * built from the scenario (its checks refuse an index past it); a worker whose collector saw an
   * entry the scenario does not have gets an index the master refuses, with the reason logged.
   */
  intern(name: string, method: string): number {
    let names = this.byMethod.get(method);
    if (!names) this.byMethod.set(method, (names = new Map()));
    let index = names.get(name);
    if (index === undefined) {
      index = this.list.length;
      names.set(name, index);
      this.list.push({ name, method });
    }
    return index;
  }
}
