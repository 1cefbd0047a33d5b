package clearml.sandbox.api;

import java.util.Set;

/**
 * What a {@code get_all} over one entity type filters on and hides ({@code GetMixin.QueryParameterOptions} and the
 * model's {@code exclude_by_default} fields).
 *
 * @param listFields      fields matched against a list of values, with the {@code __$not}, {@code __$all} and legacy
 *                        {@code -value} operators ({@code id} is {@code _id})
 * @param patternFields   fields matched as a regular expression
 * @param equalityFields  fields matched exactly; a trailing {@code *} matches every field with that prefix
 * @param hiddenFields    fields left out unless a projection names them
 * @param skipsHidden     whether entities tagged {@code hidden} are left out unless {@code search_hidden} or
 *                        {@code id} is given
 */
record ListOptions(Set<String> listFields, Set<String> patternFields, Set<String> equalityFields,
                   Set<String> hiddenFields, boolean skipsHidden) {

    /** {@code Task.get_all_query_options}; reports, datasets and pipelines' hidden tasks are skipped. */
    static final ListOptions TASKS = new ListOptions(
            Set.of("id", "user", "tags", "system_tags", "type", "status", "project", "parent", "execution.queue",
                    "models.input.model"),
            Set.of("name", "comment", "report"), Set.of("runtime.*"),
            Set.of("unique_metrics", "company_origin", "enqueue_status"), true);

    /** {@code Project.get_all_query_options}. */
    static final ListOptions PROJECTS = new ListOptions(Set.of("tags", "system_tags", "id", "parent", "path"),
            Set.of("name", "basename", "description"), Set.of(),
            Set.of("path", "logo_blob", "company_origin"), true);

    /** {@code Model.get_all_query_options}. */
    static final ListOptions MODELS = new ListOptions(
            Set.of("tags", "system_tags", "framework", "uri", "id", "user", "project", "task", "parent"),
            Set.of("name", "comment"), Set.of("ready"),
            Set.of("ui_cache", "company_origin", "unique_metrics"), false);

    /** The backend {@code User} document's defaults. */
    static final ListOptions USERS = new ListOptions(Set.of("id"), Set.of("name"), Set.of(),
            Set.of("preferences"), false);
}
