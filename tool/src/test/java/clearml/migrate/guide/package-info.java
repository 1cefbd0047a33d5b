/** Tests that keep the user guide under {@code docs/} true: its commands run, its tables match the code. */
@NullMarked
package clearml.migrate.guide;

import org.jspecify.annotations.NullMarked;
