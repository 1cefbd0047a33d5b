package clearml.migrate.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class UrlMapTest {

    /** A map written as the flags would give it, several pairs separated by {@code ;}. */
    static UrlMap map(String pairs) {
        return UrlMap.parse(Arrays.asList(pairs.split("\\s*;\\s*")));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # stored value                                      | url map                                                  | expected
            http://localhost:8081/a/b.png                         | http://localhost:8081=https://files.new.io               | https://files.new.io/a/b.png
            http://localhost:8081/a/b.png                         | http://localhost:8081/=https://files.new.io              | https://files.new.io/a/b.png
            http://localhost:8081/a/b.png                         | http://localhost:8081=https://files.new.io/              | https://files.new.io/a/b.png
            http://localhost:8081/a/b.png                         | http://localhost:8081/=https://files.new.io/             | https://files.new.io/a/b.png
            http://localhost:8081                                 | http://localhost:8081=https://files.new.io/              | https://files.new.io
            http://localhost:8081/                                | http://localhost:8081=https://files.new.io               | https://files.new.io/
            http://localhost:8081//a.png                          | http://localhost:8081/=https://files.new.io              | https://files.new.io//a.png
            http://localhost:8081?download                        | http://localhost:8081=https://files.new.io               | https://files.new.io?download
            http://localhost:8081#top                             | http://localhost:8081=https://files.new.io               | https://files.new.io#top
            http://files.a:8081/x                                 | http://files.a:8081=http://files.a:9091                  | http://files.a:9091/x
            http://files.a:80812/x                                | http://files.a:8081=http://files.b:8081                  | http://files.a:80812/x
            http://files.ab/x                                     | http://files.a=http://files.b                            | http://files.ab/x
            http://files.a:8081/x                                 | http://files.a=http://files.b                            | http://files.a:8081/x
            http://files.a.io/x                                   | http://files.a=http://files.b                            | http://files.a.io/x
            http://files.a/x                                      | http://files.a=http://files.b                            | http://files.b/x
            https://files.a/x                                     | http://files.a=http://files.b                            | https://files.a/x
            HTTP://FILES.A/x                                      | http://files.a=http://files.b                            | HTTP://FILES.A/x
            s3://old/models/m.pt                                  | s3://old=s3://new                                        | s3://new/models/m.pt
            s3://old/models/m.pt                                  | s3://old/=s3://new/archive                               | s3://new/archive/models/m.pt
            s3://older/models/m.pt                                | s3://old=s3://new                                        | s3://older/models/m.pt
            s3://old-bucket/m.pt                                  | s3://old=s3://new                                        | s3://old-bucket/m.pt
            s3://bucket/key                                       | s3://=gs://                                              | gs://bucket/key
            s3://bucket/key                                       | s3://=https://s3.amazonaws.com/                          | https://s3.amazonaws.com/bucket/key
            s3://bucket/key                                       | s3://=https://s3.amazonaws.com                           | https://s3.amazonaws.com/bucket/key
            http://localhost:8081/Vision%20Team/D%C3%A9tection/m  | http://localhost:8081=https://files.new.io               | https://files.new.io/Vision%20Team/D%C3%A9tection/m
            http://localhost:8081/Vision Team/Détection 2D/m.pt   | http://localhost:8081=https://files.new.io               | https://files.new.io/Vision Team/Détection 2D/m.pt
            http://localhost:8081/Vision Team/a.pt                | http://localhost:8081/Vision%20Team=http://n/VT          | http://localhost:8081/Vision Team/a.pt
            http://localhost:8081/Vision%20Team/a.pt              | http://localhost:8081/Vision%20Team=http://n/VT          | http://n/VT/a.pt
            http://filesXa.b/x                                    | http://files.a.b=http://n                                | http://filesXa.b/x
            http://files.a.b/x                                    | http://files.a.b=http://n                                | http://n/x
            http://h/p?q+1/x                                      | http://h/p?q+1=http://n                                  | http://n/x
            http://h/pq1/x                                        | http://h/p?q+1=http://n                                  | http://h/pq1/x
            http://h/deep/z                                       | http://h=http://x ; http://h/deep=http://y               | http://y/z
            http://h/deeper/z                                     | http://h=http://x ; http://h/deep=http://y               | http://x/deeper/z
            http://a/x                                            | http://a=http://b ; http://b=http://c                    | http://b/x
            http://web:8080/files/a.png                           | http://web:8080/files=http://fs:8081                     | http://fs:8081/a.png
            http://web:8080/filesystem/a.png                      | http://web:8080/files=http://fs:8081                     | http://web:8080/filesystem/a.png
            file:///mnt/fileserver/a.png                          | http://localhost:8081=https://files.new.io               | file:///mnt/fileserver/a.png
            x http://localhost:8081/a                             | http://localhost:8081=https://files.new.io               | x http://localhost:8081/a
            ''                                                    | http://localhost:8081=https://files.new.io               | ''
            """)
    void rewritesWholeUrlByLiteralPrefix(String stored, String pairs, String expected) {
        UrlMap map = map(pairs);

        assertThat(map.rewrite(stored).orElse(stored)).isEqualTo(expected);
        assertThat(map.rewrite(stored).isPresent()).as("reported as a change").isEqualTo(!expected.equals(stored));
    }

    static Stream<Arguments> texts() {
        String map = "http://localhost:8081=https://files.new.io";
        return Stream.of(
                Arguments.of("![overview](http://localhost:8081/Vision Team/overview.png)", map,
                        "![overview](https://files.new.io/Vision Team/overview.png)"),
                Arguments.of("# Report\n![a](http://localhost:8081/r/a.png)\ntext http://localhost:8081/r/b.png, "
                                + "and [c](http://localhost:80812/c.png) <img src='http://localhost:8081/d.png'>",
                        map,
                        "# Report\n![a](https://files.new.io/r/a.png)\ntext https://files.new.io/r/b.png, "
                                + "and [c](http://localhost:80812/c.png) <img src='https://files.new.io/d.png'>"),
                Arguments.of("http://localhost:8081/first.png then \"http://localhost:8081\"", map,
                        "https://files.new.io/first.png then \"https://files.new.io\""),
                Arguments.of("see http://proxy/?u=http://localhost:8081/x.png", map,
                        "see http://proxy/?u=https://files.new.io/x.png"),
                Arguments.of("xhttp://localhost:8081/x.png and http://proxy/http://localhost:8081/x.png", map,
                        "xhttp://localhost:8081/x.png and http://proxy/http://localhost:8081/x.png"),
                Arguments.of("[list]\t[http://localhost:8081/a,http://localhost:8081/b]", map,
                        "[list]\t[https://files.new.io/a,https://files.new.io/b]"),
                Arguments.of("{\"data\": [], \"layout\": {\"images\": [{\"source\": "
                                + "\"http://localhost:8081/Vision Team/x.png\"}, {\"source\": \"s3://b/k.png\"}]}}", map,
                        "{\"data\": [], \"layout\": {\"images\": [{\"source\": "
                                + "\"https://files.new.io/Vision Team/x.png\"}, {\"source\": \"s3://b/k.png\"}]}}"),
                Arguments.of("<iframe src=\"http://localhost:8080/widgets/?objectType=task&company=c1\">", map,
                        "<iframe src=\"http://localhost:8080/widgets/?objectType=task&company=c1\">"),
                Arguments.of("<iframe src=\"http://localhost:8080/widgets/?objectType=task&company=c1\">",
                        "http://localhost:8080=https://app.new.io",
                        "<iframe src=\"https://app.new.io/widgets/?objectType=task&company=c1\">"),
                Arguments.of("s3://old/a s3://older/b (s3://old)", "s3://old=s3://new",
                        "s3://new/a s3://older/b (s3://new)"),
                Arguments.of("http://a.b/x and http://aXb/y", "http://a.b=http://n",
                        "http://n/x and http://aXb/y"),
                Arguments.of("no links here, only http://elsewhere/x", map, "no links here, only http://elsewhere/x"),
                Arguments.of("", map, ""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("texts")
    void rewritesEveryUrlTokenInFreeText(String stored, String pairs, String expected) {
        assertThat(map(pairs).rewriteText(stored)).isEqualTo(expected);
    }

    @Test
    void reportsEachChangedUrlOfFreeTextWithItsLiteralSpaces() {
        List<String> seen = new ArrayList<>();
        String report = "![chart](http://localhost:8081/reports/7dbc/chart ✓.png)\n\n"
                + "<img src=\"http://localhost:8081/reports/7dbc/table.png\"> http://localhost:8081/c.png next";

        map("http://localhost:8081=https://files.new.io").rewriteText(report, (b, a) -> seen.add(b + " -> " + a));

        assertThat(seen).containsExactly(
                "http://localhost:8081/reports/7dbc/chart ✓.png -> https://files.new.io/reports/7dbc/chart ✓.png",
                "http://localhost:8081/reports/7dbc/table.png -> https://files.new.io/reports/7dbc/table.png",
                "http://localhost:8081/c.png -> https://files.new.io/c.png");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://localhost:8081/a/b.png      | http://localhost:8081/=https://files.new.io/
            s3://old/models/m.pt               | s3://old=s3://new
            http://files.a:8081/x              | http://files.a:8081=http://files.a:9091
            http://h/deep/z                    | http://h=http://x ; http://h/deep=http://y
            """)
    void rewritingTwiceChangesNothingTheSecondTime(String stored, String pairs) {
        UrlMap map = map(pairs);
        String once = map.rewrite(stored).orElseThrow();

        assertThat(map.rewrite(once)).isEmpty();
        assertThat(map.rewriteText("(" + once + ")")).isEqualTo("(" + once + ")");
    }

    @Test
    void rewritingTwiceNestsAgainWhenNewStartsWithOld() {
        UrlMap map = UrlMap.of("http://a", "http://a/old");

        assertThat(map.rewrite("http://a/x")).contains("http://a/old/x");
        assertThat(map.rewrite("http://a/old/x")).contains("http://a/old/old/x");
    }

    @Test
    void aMapWithoutPrefixesChangesNothing() {
        assertThat(UrlMap.empty().rewrite("http://localhost:8081/x")).isEmpty();
        assertThat(UrlMap.empty().rewriteText("http://localhost:8081/x")).isEqualTo("http://localhost:8081/x");
        assertThat(UrlMap.empty().isEmpty()).isTrue();
    }

    @Test
    void aMapWhoseNewEqualsOldReportsNoChange() {
        assertThat(UrlMap.of("http://a/", "http://a").rewrite("http://a/x")).isEmpty();
    }

    @Test
    void splitsAFlagAtTheFirstEqualsSign() {
        assertThat(UrlMap.Prefix.parse("http://old:8081=https://new/?a=b"))
                .isEqualTo(new UrlMap.Prefix("http://old:8081", "https://new/?a=b"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://old:8081                                 | is not OLD=NEW
            =https://new                                    | old prefix '' is not a URL prefix
            http://old=                                     | new prefix '' is not a URL prefix
            old-host:8081=https://new                       | old prefix 'old-host:8081' is not a URL prefix
            http://old=new-host                             | new prefix 'new-host' is not a URL prefix
            http://old=https://a ; http://old/=https://b    | gives the old prefix 'http://old' more than once
            s3://b=s3://c ; s3://b=s3://c                   | gives the old prefix 's3://b' more than once
            """)
    void refusesAMapThatIsNotAListOfDistinctUrlPrefixes(String pairs, String message) {
        assertThatThrownBy(() -> map(pairs)).isInstanceOf(UsageException.class).hasMessageContaining(message);
    }

    @Test
    void keepsPasswordsInPrefixesOutOfMessagesAndToString() {
        UrlMap map = UrlMap.of("https://user:s3cret@old.io", "https://new.io");

        assertThat(map.toString()).isEqualTo("UrlMap[https://***@old.io=https://new.io]").doesNotContain("s3cret");
        assertThatThrownBy(() -> UrlMap.of("https://u:s3cret@old.io", "new"))
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> UrlMap.parse(List.of("https://u:s3cret@a=https://b", "https://u:s3cret@a/=https://c")))
                .hasMessageContaining("https://***@a").hasMessageNotContaining("s3cret");
    }
}
