package dev.modelport.registry.deviceclass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuntimeVersionTest {

    @Test
    void comparesBuildNumbersNumericallyNotAsText() {
        assertThat(RuntimeVersion.within("b10000", "b4000", "b9000")).isFalse();
        assertThat(RuntimeVersion.within("b4980", "b4000", "b9000")).isTrue();
        assertThat(RuntimeVersion.within("b900", "b4000", null)).isFalse();
        assertThat(RuntimeVersion.within("b123456", "b4000", null)).isTrue();
    }

    @Test
    void refusesWhatIsNotABuildNumber() {
        assertThatThrownBy(() -> RuntimeVersion.number("4980")).isInstanceOf(IllegalArgumentException.class);
    }
}
