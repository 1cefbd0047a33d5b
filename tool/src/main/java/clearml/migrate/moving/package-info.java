/**
 * Events moved from one search engine to another with an import's changes applied: by the target engine itself
 * ({@code _reindex} from the remote source) or streamed through the tool.
 */
@NullMarked
package clearml.migrate.moving;

import org.jspecify.annotations.NullMarked;
