package dev.drift.ops.registry.oci;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import dev.drift.ops.registry.http.Exchange;
import dev.drift.ops.registry.http.Json;
import dev.drift.ops.registry.service.ListingService;

/**
 * Tag lists and the catalog, both paged the spec's way: lexical order, {@code n} and {@code last}, and
 * a {@code Link: <...>; rel="next"} header while more remain.
 */
final class ListingsApi {

    /** Without {@code n} a listing still pages, so one request never walks an unbounded table. */
    static final int DEFAULT_PAGE = 1000;

    /** The most entries one page returns, however large the {@code n} asked for. */
    static final int MAX_PAGE = DEFAULT_PAGE * 10;

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final ListingService listings;

    ListingsApi(ListingService listings) {
        this.listings = listings;
    }

    void tags(Exchange exchange, String name) {
        List<String> tags = page(exchange, "/v2/" + name + "/tags/list",
                (last, limit) -> listings.tags(name, last, limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("tags", tags);
        exchange.status(200).sendJson(Json.write(body));
    }

    void catalog(Exchange exchange) {
        List<String> repositories = page(exchange, "/v2/_catalog", listings::repositories);
        exchange.status(200).sendJson(Json.write(Map.of("repositories", repositories)));
    }

    /** Fetches one entry more than asked to learn whether a next page exists. */
    private static List<String> page(Exchange exchange, String path, BiFunction<String, Integer, List<String>> fetch) {
        int n = pageSize(exchange.query("n"));
        String last = exchange.query("last");
        if (n == 0) {
            return List.of();
        }
        List<String> entries = fetch.apply(last, n + 1);
        if (entries.size() <= n) {
            return entries;
        }
        List<String> page = entries.subList(0, n);
        String next = path + "?last=" + URLEncoder.encode(page.get(n - 1), StandardCharsets.UTF_8) + "&n=" + n;
        exchange.header("Link", "<" + next + ">; rel=\"next\"");
        return page;
    }

    private static int pageSize(String n) {
        if (n == null) {
            return DEFAULT_PAGE;
        }
        if (!DIGITS.matcher(n).matches()) {
            throw new OciException(OciError.UNSUPPORTED, 400, "n must be a non-negative integer, not " + n);
        }
        // Any n beyond what one page serves (up to and past 2^63) means "as many as you give": clamp, as the spec lets a registry.
        return (int) Math.min(SaturatingDecimal.parse(n), MAX_PAGE);
    }
}
