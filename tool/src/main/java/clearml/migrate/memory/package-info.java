/** How much memory the tool's own buffers may take: shares of the heap the JVM was given. */
@NullMarked
package clearml.migrate.memory;

import org.jspecify.annotations.NullMarked;
