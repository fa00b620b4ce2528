export { buildReport, writeReport } from './report.js';
export type { BuiltReport, WriteReportOptions, WrittenReport } from './report.js';
export { ReportError } from './errors.js';
export { messages } from './messages.js';
export type { ReportSource } from './query/source.js';
export { loadReportData } from './query/load.js';
export type { EnvironmentEntry, ReportData, ReportTrial } from './query/load.js';
export type { ChartId, ReportChart } from './specs/charts.js';
