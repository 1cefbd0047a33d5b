/** ClearML entities in MongoDB: the databases, collections and the few fields the tool reasons about. */
@NullMarked
package clearml.migrate.mongo;

import org.jspecify.annotations.NullMarked;
