package clearml.migrate.mongo;

/**
 * A ClearML company (tenant) as stored in {@code backend.company} (data model §1.7).
 *
 * @param id the company id, e.g. {@code d1bd92a3b039400cbafc60a7a5b1e52b}
 * @param name the company name, or "" when the document has none
 */
public record Company(String id, String name) {
}
