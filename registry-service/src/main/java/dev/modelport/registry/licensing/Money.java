package dev.modelport.registry.licensing;

import java.math.BigDecimal;

/** Amounts travel as decimal strings ({@code "1250.50"}) so that no client parses money as a float. */
final class Money {

    static final String PATTERN = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,6})?$";

    private Money() {
    }

    static BigDecimal parse(String text) {
        return new BigDecimal(text);
    }

    static String format(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
