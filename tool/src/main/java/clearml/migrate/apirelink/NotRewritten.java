package clearml.migrate.apirelink;

/**
 * URLs the API could not rewrite in one place of one entity, and why; {@code relink} on the server's stores
 * ({@code --mongo-host}, {@code --elastic-host}) rewrites them.
 *
 * @param kind {@code project}, {@code task} or {@code model}
 * @param id the entity's id
 * @param name the entity's name
 * @param place the field ({@code task.report}) or {@code events}
 * @param urls URLs left as they were
 * @param events events left as they were (0 for a field)
 * @param reason the rule or the server's answer that stopped it
 */
public record NotRewritten(String kind, String id, String name, String place, long urls, long events,
        String reason) {
}
