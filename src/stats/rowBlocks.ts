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
