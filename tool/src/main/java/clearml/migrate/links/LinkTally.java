package clearml.migrate.links;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Running totals of link changes over many documents and events, in bounded memory: a count per place and the
 * first few changes of each place as samples (what relink's report and export/import summaries show). Not
 * thread-safe; one per use case run.
 */
public final class LinkTally {

    private final int samplesPerPlace;
    private final Map<LinkPlace, Long> counts = new EnumMap<>(LinkPlace.class);
    private final Map<LinkPlace, List<LinkChange>> samples = new EnumMap<>(LinkPlace.class);

    public LinkTally(int samplesPerPlace) {
        this.samplesPerPlace = samplesPerPlace;
    }

    public void add(LinkChanges changes) {
        changes.changes().forEach(this::add);
    }

    /** Adds the counts and samples of another tally, e.g. one entity's, once that entity is done. */
    public void addAll(LinkTally other) {
        other.samples.values().forEach(changes -> changes.forEach(this::addSample));
        other.counts.forEach((place, count) -> counts.merge(place, count, Long::sum));
    }

    private void addSample(LinkChange change) {
        List<LinkChange> kept = samples.computeIfAbsent(change.place(), p -> new ArrayList<>());
        if (kept.size() < samplesPerPlace) {
            kept.add(change);
        }
    }

    private void add(LinkChange change) {
        counts.merge(change.place(), 1L, Long::sum);
        addSample(change);
    }

    /** Changed URLs per place, in catalogue order. */
    public Map<LinkPlace, Long> counts() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /** The first changes seen in {@code place}, at most {@code samplesPerPlace}. */
    public List<LinkChange> samples(LinkPlace place) {
        return List.copyOf(samples.getOrDefault(place, List.of()));
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
