package clearml.migrate.links;

/**
 * One URL changed in one place. For a whole-URL place {@code before}/{@code after} are the field's values; for a
 * text place they are the URL token that changed (up to the next space, quote or bracket).
 */
public record LinkChange(LinkPlace place, String before, String after) {

    @Override
    public String toString() {
        return place + ": " + before + " -> " + after;
    }
}
