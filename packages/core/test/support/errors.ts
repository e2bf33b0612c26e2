/** Test helper: run something that must reject the input, and hand back the InputError for checks. */
import { InputError } from '../../src/errors.js';

export function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

/** The same for work that rejects asynchronously (the CSV readers). */
export async function rejectedInput(run: () => Promise<unknown>): Promise<InputError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}
