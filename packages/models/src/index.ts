export type { Model, ParameterSpec, ParameterVars } from './model.js';
export { Objective } from './objective.js';
export type { PosteriorTerms } from './objective.js';

export { bernoulliModel } from './bernoulli/bernoulli.js';
export type { BernoulliOptions } from './bernoulli/bernoulli.js';
export { DEFAULT_ACCEPTABLE_FROM, acceptabilityOutcomes } from './bernoulli/acceptability-outcomes.js';
export type { AcceptabilityOutcomeOptions } from './bernoulli/acceptability-outcomes.js';

export { negativeBinomialModel } from './negative-binomial/model.js';
export type { NegativeBinomialOptions } from './negative-binomial/model.js';
export type { BetaPrior, NegativeBinomialPrior, NegativeBinomialRPrior } from './negative-binomial/prior.js';
export {
  evaluateNegativeBinomial,
  negativeBinomialLogLikelihood,
  negativeBinomialLogPmf,
  poissonLimitLogLikelihood,
} from './negative-binomial/log-likelihood.js';
export type { NegativeBinomialEvaluation } from './negative-binomial/log-likelihood.js';
export { CountIndex } from './negative-binomial/histogram.js';
export type { CountHistogram } from './negative-binomial/histogram.js';
export { diagnoseNegativeBinomial } from './negative-binomial/diagnose.js';
export type {
  NegativeBinomialDiagnosis,
  NegativeBinomialOptimum,
  NegativeBinomialParameters,
} from './negative-binomial/diagnose.js';
export { log1pmx, logRisingFactorialExcess, logRisingFactorialExcessSlope } from './negative-binomial/special.js';

export { sSelectionModel } from './s-selection/model.js';
export type { NormalPrior, SelectionOptions, SelectionPrior } from './s-selection/model.js';
export { BatchCellPlanner, indexCells } from './s-selection/cells.js';
export type { BatchCells, CellIndex } from './s-selection/cells.js';
export { NoisyOrKernel } from './s-selection/noisy-or.js';
export type { CellList } from './s-selection/noisy-or.js';
export { OrdinalKernel, groupJudgments } from './s-selection/ordinal.js';
export type { GroupedJudgments } from './s-selection/ordinal.js';
export { genericSelectionLogLikelihood, groupedItems } from './s-selection/generic.js';
export type { GenericItems } from './s-selection/generic.js';

export { DATASETS, findDataset } from './data/datasets.js';
export type { DatasetInfo } from './data/datasets.js';
export { RESPONSE_LEVELS, listsPerParticipant, parseMegaAcceptability } from './data/mega-acceptability.js';
export type { AcceptabilityJudgments, ParseOptions, ParseSummary, ParsedAcceptability } from './data/mega-acceptability.js';
export { listCountsPerParticipant } from './data/list-counts.js';
export type { ListCountOptions } from './data/list-counts.js';
export { loadCmuDictionary, phonemesPerWord } from './data/cmu-dictionary.js';
export type { PronouncingDictionary } from './data/cmu-dictionary.js';
export { splitByCell, subset } from './data/split.js';
export type { CellSplit } from './data/split.js';
export { readAcceptabilityTable } from './data/read.js';
export { DataFormatError, TsvTable } from './data/tsv.js';
