/**
 * The ClearML archive format (data model §3): entry names, JSON lines, Extended JSON, {@code metadata.json},
 * {@code users.json}, the {@code .artifacts} companion and the {@code .map} state file. Knows nothing of MongoDB
 * or Elasticsearch: entities are {@link org.bson.Document}s, events are Jackson {@code ObjectNode}s.
 */
@NullMarked
package clearml.migrate.archive;

import org.jspecify.annotations.NullMarked;
