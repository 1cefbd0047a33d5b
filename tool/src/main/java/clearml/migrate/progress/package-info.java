/** How far a command has come, reported by the core and rendered only by the command line. */
@NullMarked
package clearml.migrate.progress;

import org.jspecify.annotations.NullMarked;
