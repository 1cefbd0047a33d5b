/**
 * The sandbox's ClearML seeder: writes a realistic ClearML server state (companies, users, projects, tasks, models,
 * events, file-server files) straight into the stores, from the shapes of clearml-data-model.md §1, §2 and §6.
 */
@NullMarked
package clearml.sandbox.seed;

import org.jspecify.annotations.NullMarked;
