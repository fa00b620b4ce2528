export type { Model, ParameterSpec, ParameterVars } from './model.js';
export { Objective } from './objective.js';
export type { PosteriorTerms } from './objective.js';

export { bernoulliModel } from './bernoulli/bernoulli.js';
export type { BernoulliOptions } from './bernoulli/bernoulli.js';

export { sSelectionModel } from './s-selection/model.js';
export type { NormalPrior, SelectionOptions, SelectionPrior } from './s-selection/model.js';
export { BatchCellPlanner, indexCells } from './s-selection/cells.js';
export type { BatchCells, CellIndex } from './s-selection/cells.js';
export { NoisyOrKernel } from './s-selection/noisy-or.js';
export { OrdinalKernel } from './s-selection/ordinal.js';
export { cutpointIndices, genericSelectionLogLikelihood } from './s-selection/generic.js';
export type { GenericItems } from './s-selection/generic.js';

export { DATASETS, findDataset } from './data/datasets.js';
export type { DatasetInfo } from './data/datasets.js';
export { RESPONSE_LEVELS, listsPerParticipant, parseMegaAcceptability } from './data/mega-acceptability.js';
export type { AcceptabilityJudgments, ParseOptions, ParseSummary, ParsedAcceptability } from './data/mega-acceptability.js';
export { readAcceptabilityTable } from './data/read.js';
export { DataFormatError, TsvTable } from './data/tsv.js';
