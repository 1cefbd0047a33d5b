package clearml.migrate.relinking;

import clearml.migrate.links.LinkChange;
import clearml.migrate.links.LinkPlace;
import clearml.migrate.links.LinkTally;
import java.util.ArrayList;
import java.util.List;

/**
 * One URL as it was and as it is (or would be, in a dry run) after the relink.
 *
 * @param place the place's report name, e.g. {@code model.uri}
 * @param before the URL as stored
 * @param after the URL the relink stores
 */
public record RelinkSample(String place, String before, String after) {

    /** The samples a tally kept, in catalogue order of their places. */
    public static List<RelinkSample> of(LinkTally tally) {
        List<RelinkSample> samples = new ArrayList<>();
        for (LinkPlace place : LinkPlace.values()) {
            for (LinkChange change : tally.samples(place)) {
                samples.add(new RelinkSample(place.reportName(), change.before(), change.after()));
            }
        }
        return samples;
    }
}
