package org.concurrencylab.measure;

import java.math.BigDecimal;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** RFC 4180 building blocks shared by every CSV export: quoting, CRLF line ends, plain numbers. */
public final class Csv {

    private Csv() {}

    /** One record: fields quoted where needed, joined by commas, ended by CRLF. */
    public static String line(Stream<String> fields) {
        return fields.map(Csv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    /** Quoted when it holds a comma, quote or line break; quotes inside doubled; null is empty. */
    public static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    /** Plain decimal notation (no exponent) with a dot, whatever the locale: every spreadsheet reads it. */
    public static String number(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? "" : BigDecimal.valueOf(value).toPlainString();
    }
}
