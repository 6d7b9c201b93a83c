package org.concurrencylab.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's view of the pages without the browser: real HTTP with a cookie jar, redirects not
 * followed (tests look at them), and forms posted with the CSRF token of the last page read.
 */
final class PageClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;

    PageClient(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    record Page(int status, String body, HttpResponse<String> raw) {

        String location() {
            return raw.headers().firstValue("Location").orElse(null);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Page get(String path) {
        return remember(send(HttpRequest.newBuilder(URI.create(base + path)).GET().build()));
    }

    /** Posts {@code fields} as a form, with the CSRF token of the page read last. */
    Page post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.putIfAbsent("_csrf", csrf);
        }
        return postRaw(path, all);
    }

    /** Posts exactly {@code fields}: no CSRF token unless it is among them. */
    Page postRaw(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return remember(send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    /** Signs in with {@code token}; returns the answer to the form (a redirect). */
    Page signIn(String token) {
        get("/signin");
        return post("/signin", Map.of("token", token));
    }

    /** Signs in, failing unless the token was taken. */
    PageClient signedIn(String token) {
        Page answer = signIn(token);
        if (answer.status() != 302 || !answer.location().matches(".*/(\\?continue)?$")) {
            throw new AssertionError("sign-in answered " + answer.status() + " to " + answer.location());
        }
        get("/");
        return this;
    }

    String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** The experiment id a redirect to its page names. */
    static String experimentId(Page redirect) {
        Matcher id = Pattern.compile("/experiments/([0-9a-f-]{36})$").matcher(String.valueOf(redirect.location()));
        if (redirect.status() != 302 || !id.find()) {
            throw new AssertionError("expected a redirect to an experiment, got " + redirect.status() + " "
                    + redirect.location() + "\n" + redirect.body());
        }
        return id.group(1);
    }

    private Page remember(Page page) {
        Matcher token = CSRF.matcher(page.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return page;
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
