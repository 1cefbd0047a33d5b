package clearml.sandbox.seed;

import java.util.List;

/**
 * A seeded company and its users; the first user is the company's admin and owns most of its entities.
 *
 * @param id      the company id
 * @param name    the company name
 * @param userIds the ids of its users (backend and auth users share them, data model §1.10)
 */
record Tenant(String id, String name, List<String> userIds) {

    String admin() {
        return userIds.get(0);
    }

    String member(int ordinal) {
        return userIds.get(ordinal % userIds.size());
    }
}
