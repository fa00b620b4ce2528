/**
 * A running float64 sum with Neumaier's compensation: the rounding error of each
 * addition is carried in a second term, so the total is accurate to about one ulp
 * however many terms of mixed sign are added. Once the sum is infinite or NaN it
 * stays so, without compensation.
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(term: number): void {
    const next = this.sum + term;
    if (Number.isFinite(next)) {
      if (Math.abs(this.sum) >= Math.abs(term)) this.compensation += this.sum - next + term;
      else this.compensation += term - next + this.sum;
    }
    this.sum = next;
  }

  get value(): number {
    return Number.isFinite(this.sum) ? this.sum + this.compensation : this.sum;
  }
}
