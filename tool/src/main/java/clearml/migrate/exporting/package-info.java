/**
 * The {@code export} use case: which projects, tasks and models a selection names (data model §4.2), how each copy
 * is cleaned for the archive (§4.3), and the pipeline that streams them with their events into a zip (§3).
 */
@NullMarked
package clearml.migrate.exporting;

import org.jspecify.annotations.NullMarked;
