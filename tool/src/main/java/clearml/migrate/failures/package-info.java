/** The user-facing failures of every command, each with its exit code. */
@NullMarked
package clearml.migrate.failures;

import org.jspecify.annotations.NullMarked;
