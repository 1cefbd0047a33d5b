/**
 * Patience with a store that went away: exponential waits with jitter, bounded by how long the user lets a command
 * wait ({@code --retry-for}). Used alike by the MongoDB, search-engine and file-server clients.
 */
@NullMarked
package clearml.migrate.retry;

import org.jspecify.annotations.NullMarked;
