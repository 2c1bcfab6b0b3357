import type { EntryStats, HistoryPoint, RunSnapshot } from '../../../common/snapshot';
export declare function entry(name: string, method: string, requests: number, failures: number, p95: number, extra?: Partial<EntryStats>): EntryStats;
export declare function snapshot(over?: Partial<RunSnapshot>): RunSnapshot;
export declare function history(n: number): HistoryPoint[];
