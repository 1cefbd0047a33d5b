package clearml.migrate.moving;

import clearml.migrate.events.EventType;
import clearml.migrate.links.LinkPlace;
import java.util.List;
import java.util.Map;

/**
 * What a move did: the way taken and why, per event type the events the source held, those written and those the
 * target now holds for the moved tasks and models, the events the target held before (deleted first), the links the
 * tool rewrote, and why events were not written.
 *
 * @param route the way and the reason
 * @param types one row per event type the source holds for the moved ids
 * @param replacedAtTarget events of these ids the target held before the move, deleted first as an import does
 * @param linksRewritten links rewritten by the tool per place; those the engine's script rewrote are not counted
 * @param failures the first reasons events were not written; empty when every event arrived
 */
public record EventMoveReport(EventRoute route, List<TypeMove> types, long replacedAtTarget,
        Map<LinkPlace, Long> linksRewritten, List<String> failures) {

    public EventMoveReport {
        types = List.copyOf(types);
        linksRewritten = Map.copyOf(linksRewritten);
        failures = List.copyOf(failures);
    }

    /**
     * One event type of a move.
     *
     * @param type the type
     * @param via the way its events went (plots stream when links change in free text, see {@code EngineRewrite})
     * @param atSource events of the moved ids at the source when the move began
     * @param written events written to the target
     * @param atTarget events of the moved ids at the target after the move
     */
    public record TypeMove(EventType type, EventsVia via, long atSource, long written, long atTarget) {
    }

    /** Whether every event arrived: no failures and, per type, the target holds what the source held. */
    public boolean complete() {
        return failures.isEmpty() && types.stream().allMatch(type -> type.atTarget() >= type.atSource());
    }
}
