/** Benchmarks run by hand ({@code bench/export.sh}); not tests. */
@NullMarked
package clearml.migrate.bench;

import org.jspecify.annotations.NullMarked;
