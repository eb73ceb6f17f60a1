/** Shape and value checks shared by the learners, so bad input fails loudly up front. */

/** x row-major [nRows, nFeatures] (NaN allowed = missing); y finite, length nRows. */
export function checkTrainingData(
  who: string,
  x: Float64Array,
  y: Float64Array,
  nRows: number,
  nFeatures: number,
): void {
  if (!Number.isInteger(nRows) || nRows < 1) {
    throw new RangeError(`${who}: nRows must be a positive integer, got ${nRows}`);
  }
  if (!Number.isInteger(nFeatures) || nFeatures < 1) {
    throw new RangeError(`${who}: nFeatures must be a positive integer, got ${nFeatures}`);
  }
  if (x.length !== nRows * nFeatures) {
    throw new RangeError(`${who}: x has ${x.length} values, expected ${nRows}*${nFeatures}`);
  }
  if (y.length !== nRows) {
    throw new RangeError(`${who}: y has ${y.length} values, expected ${nRows}`);
  }
  for (let i = 0; i < nRows; i++) {
    if (!Number.isFinite(y[i]!)) throw new RangeError(`${who}: y[${i}] = ${y[i]} is not finite`);
  }
}

export function checkRange(
  who: string,
  name: string,
  value: number,
  min: number,
  max: number,
  integer = false,
): void {
  if (!(value >= min && value <= max) || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'an integer' : 'a number';
    throw new RangeError(`${who}: ${name} must be ${kind} in [${min}, ${max}], got ${value}`);
  }
}
