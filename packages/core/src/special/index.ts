export { digamma, digammaDifference, lgamma, logRisingFactorial, trigamma } from './gamma.js';
export { log1mexp, logDiffSigmoid, logDiffSigmoidAndGrad, logDiffSigmoidGrad, logit, logSigmoid, sigmoid, softplus } from './logistic.js';
