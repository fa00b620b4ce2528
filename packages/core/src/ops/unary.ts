import type { Var } from '../autodiff/tape.js';
import { digamma, lgamma as lgammaScalar, trigamma } from '../special/gamma.js';
import { logSigmoid as logSigmoidScalar, sigmoid as sigmoidScalar, softplus as softplusScalar } from '../special/logistic.js';
import { WASM_MIN_LENGTH } from '../kernels/wasm.js';

/**
 * Elementwise ops of one tensor. Each loops over plain arrays so V8 compiles a tight
 * loop per op; the derivative is written next to its forward rule.
 */

type Forward = (x: Float64Array, y: Float64Array) => void;
/** Accumulates gx += gy * dy/dx, given input x and output y. */
type BackwardLoop = (x: Float64Array, y: Float64Array, gy: Float64Array, gx: Float64Array) => void;

/** A kernel export that writes f(src[i]) to dst[i] for i < n. */
type ArrayKernel = 'expArray' | 'expm1Array' | 'logArray' | 'log1pArray';

/**
 * Records an elementwise op. With `kernel`, inputs of at least WASM_MIN_LENGTH
 * elements go through that WebAssembly kernel instead of `forward`, which must
 * compute the same function.
 */
function unaryOp(a: Var, forward: Forward, backward: BackwardLoop, kernel?: ArrayKernel): Var {
  const tape = a.tape;
  const out = tape.buffer(a.size);
  if (kernel !== undefined && a.size >= WASM_MIN_LENGTH) {
    const scratch = tape.scratch();
    const at = scratch.copyIn(a.value);
    scratch.exports[kernel](at, at, a.size);
    out.set(scratch.f64(at, a.size));
  } else {
    forward(a.value, out);
  }
  return tape.record(out, a.shape, [a], (g) => {
    const gx = tape.gradOf(a);
    if (gx !== undefined) backward(a.value, out, g, gx);
  });
}

export function neg(a: Var): Var {
  return unaryOp(
    a,
    (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = -x[i];
    },
    (_x, _y, gy, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] -= gy[i];
    },
  );
}

/** Multiplies every element by the constant `factor`. */
export function scale(a: Var, factor: number): Var {
  return unaryOp(
    a,
    (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = x[i] * factor;
    },
    (_x, _y, gy, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] += gy[i] * factor;
    },
  );
}

export function exp(a: Var): Var {
  return unaryOp(
    a,
    (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = Math.exp(x[i]);
    },
    (_x, y, gy, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] += gy[i] * y[i];
    },
    'expArray',
  );
}

export function log(a: Var): Var {
  return unaryOp(
    a,
    (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = Math.log(x[i]);
    },
    (x, _y, gy, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] += gy[i] / x[i];
    },
    'logArray',
  );
}

/** log(1 + x), accurate for small x. */
export function log1p(a: Var): Var {
  return unaryOp(
    a,
    (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = Math.log1p(x[i]);
    },
    (x, _y, gy, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] += gy[i] / (1 + x[i]);
    },
    'log1pArray',
  );
}

/** e^x - 1, accurate for small x. */
export function expm1(a: Var): Var {
  return unaryOp(
    a,
    (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = Math.expm1(x[i]);
    },
    (x, _y, gy, gx) => {
      // The derivative e^x, not 1 + y: that sum loses the digits of e^x where y is near -1.
      if (x.length < WASM_MIN_LENGTH) {
        for (let i = 0; i < gx.length; i++) gx[i] += gy[i] * Math.exp(x[i]);
        return;
      }
      const scratch = a.tape.scratch();
      const at = scratch.copyIn(x);
      scratch.exports.expArray(at, at, x.length);
      const exponentials = scratch.f64(at, x.length);
      for (let i = 0; i < gx.length; i++) gx[i] += gy[i] * exponentials[i];
    },
    'expm1Array',
  );
}

export function sigmoid(a: Var): Var {
  return unaryOp(
    a,
    (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = sigmoidScalar(x[i]);
    },
    (_x, y, gy, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] += gy[i] * y[i] * (1 - y[i]);
    },
  );
}

/** log(sigmoid(x)); its derivative is sigmoid(-x), which is 1 at x = -800. */
export function logSigmoid(a: Var): Var {
  return unaryOp(
    a,
    (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = logSigmoidScalar(x[i]);
    },
    (x, _y, gy, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] += gy[i] * sigmoidScalar(-x[i]);
    },
  );
}

/** log(1 + e^x); its derivative is sigmoid(x). */
export function softplus(a: Var): Var {
  return unaryOp(
    a,
    (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = softplusScalar(x[i]);
    },
    (x, _y, gy, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] += gy[i] * sigmoidScalar(x[i]);
    },
  );
}

export function square(a: Var): Var {
  return unaryOp(
    a,
    (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = x[i] * x[i];
    },
    (x, _y, gy, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] += 2 * gy[i] * x[i];
    },
  );
}

export function sqrt(a: Var): Var {
  return unaryOp(
    a,
    (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = Math.sqrt(x[i]);
    },
    (_x, y, gy, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] += gy[i] / (2 * y[i]);
    },
  );
}

/** log|Gamma(x)|; its derivative is digamma(x). */
export function lgamma(a: Var): Var {
  return unaryOp(
    a,
    (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = lgammaScalar(x[i]);
    },
    (x, _y, gy, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] += gy[i] * digamma(x[i]);
    },
  );
}

/** Digamma psi(x); its derivative is trigamma(x). */
export function digammaOp(a: Var): Var {
  return unaryOp(
    a,
    (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = digamma(x[i]);
    },
    (x, _y, gy, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] += gy[i] * trigamma(x[i]);
    },
  );
}
