/**
 * The ClearML file server (data model §6): a local directory or its HTTP API behind one {@link
 * clearml.migrate.files.FileStore}, and the two jobs export and import give it: collecting the files an archive's
 * entities and events reference into the {@code .artifacts} companion ({@link clearml.migrate.files.ArtifactCollector})
 * and placing them where a target file server serves them ({@link clearml.migrate.files.ArtifactPlacer}).
 */
@NullMarked
package clearml.migrate.files;

import org.jspecify.annotations.NullMarked;
