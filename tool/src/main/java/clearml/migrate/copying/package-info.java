/**
 * {@code copy}: a selection moved from a source server to a target server in one run, with no archive on disk: the
 * export read live ({@code exporting.LiveExport}) imported by the import's own pipeline, events moved engine to
 * engine ({@code moving.EventMover}) when both servers are reached directly, and a verify at the end.
 */
@NullMarked
package clearml.migrate.copying;

import org.jspecify.annotations.NullMarked;
