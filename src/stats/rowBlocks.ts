/**
 * Rows per call of a kernel's row loop. V8 compiles a function that loops long in one call
 * mid-loop (on-stack replacement), before the code after its loop has run; that code then lacks
 * type feedback, so the compiled code bails out when the loop ends, and is compiled again, in
 * every fit until the function is compiled whole. Called once per 512 rows instead, the loop's
 * function is invoked often enough to be compiled whole after the first few blocks: on a
 * census-shaped fold the hinge SGD's epochs ran 20-25% faster so, and first fits lose less to
 * compilation. The cost, one call per 512 rows, does not show.
 */
export const ROW_BLOCK = 512;

/**
 * Inner steps (a row's columns, say) per call of a kernel that a fit runs once. V8 marks a hot
 * function for compilation at an interrupt tick (every 66 KB of bytecode run); a call still
 * looping at the next tick is compiled on the stack (on-stack replacement), and only that code is
 * made. That code is held weakly: the first major collection after it (the other models' fits
 * between two folds of a child) threw it away, and the child's second fold ran the kernel in the
 * interpreter and compiled it on the stack again (naive Bayes on a credit.csv fold: 12 ms in the
 * first fold, 9-16 in the second, 2.5 from the third). A call of about 512 steps returns well
 * before the next tick, so the kernel is compiled whole at its next call, and that code stays.
 */
const CALL_STEPS = 512;

/**
 * Rows per call for a kernel that takes about `stepsPerRow` inner steps a row (see CALL_STEPS): at
 * least 1. Such a kernel halves its range of rows until it holds at most this many, then runs
 * its loop: a loop over the blocks instead is itself long (2 rows a call at 184 steps a row over
 * 15,000 rows) and was compiled on the stack and thrown away as the kernels were, and a closure
 * handed to a shared driver loses its compiled code with the closure at the next collection.
 */
export function rowsPerCall(stepsPerRow: number): number {
  return Math.max(1, Math.floor(CALL_STEPS / Math.max(1, stepsPerRow)));
}
