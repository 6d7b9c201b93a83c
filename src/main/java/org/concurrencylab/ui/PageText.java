package org.concurrencylab.ui;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * Lesson texts as HTML: they mark code the README's way, in backticks, which pages show as code.
 * Everything else is escaped, so a text can never inject markup. Given to every page as {@code text}.
 */
final class PageText {

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    /** {@code text} escaped, its backtick spans as {@code <code>}. */
    public String code(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        Matcher code = CODE.matcher(text);
        int at = 0;
        while (code.find()) {
            html.append(HtmlUtils.htmlEscape(text.substring(at, code.start())))
                    .append("<code>").append(HtmlUtils.htmlEscape(code.group(1))).append("</code>");
            at = code.end();
        }
        return html.append(HtmlUtils.htmlEscape(text.substring(at))).toString();
    }
}
