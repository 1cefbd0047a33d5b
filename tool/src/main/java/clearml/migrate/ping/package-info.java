/** {@code ping}: checks that a ClearML server's stores are reachable and says what they hold. */
@NullMarked
package clearml.migrate.ping;

import org.jspecify.annotations.NullMarked;
