// The panel formats numbers with the formatter every editor view shares (common/format.ts).
export * from '../common/format';
