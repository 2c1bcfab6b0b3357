import type { Percentiles } from '../../common/snapshot';
export declare function fillPercentiles(p50: number, p95: number, p99: number): Percentiles;
