/** Hardening tests: hostile input, leaked secrets and a struggling search engine, through the command line. */
@NullMarked
package clearml.migrate.hardening;

import org.jspecify.annotations.NullMarked;
