/** The command line: picocli commands that parse flags into settings, open the stores, call one use case, render. */
@NullMarked
package clearml.migrate.cli;

import org.jspecify.annotations.NullMarked;
