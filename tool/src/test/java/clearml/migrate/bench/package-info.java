/** Benchmarks run by hand: {@code bench/*.sh}, and tests skipped unless {@code -Dclearml.bench=true}. */
@NullMarked
package clearml.migrate.bench;

import org.jspecify.annotations.NullMarked;
