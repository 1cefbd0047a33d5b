package clearml.migrate.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One stored event with where it lives.
 *
 * @param index the index holding it
 * @param id its document id
 * @param source the event as stored ({@code _source}), unknown fields included
 */
public record EventHit(String index, String id, ObjectNode source) {
}
