package clearml.migrate.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyEscaperTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            lr                | lr
            batch.size        | batch%2Esize
            $where            | %24where
            100%              | 100%%
            a__b              | a%_%_b
            _private          | %_private
            __dunder__        | %_%_dunder%_%_
            ___               | %_%__
            "  padded  "      | padded
            50%.rate          | 50%%%2Erate
            TF_DEFINE         | TF_DEFINE
            """)
    void escapesKeysAsTheClearmlServerStoresThem(String key, String expected) {
        assertThat(KeyEscaper.escape(key)).isEqualTo(expected);
    }
}
