package dev.drift.ops.e2e.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

/** Reading registry answers, with failure messages that show what the registry said. */
public final class Responses {

    private static final int BODY_IN_MESSAGES = 400;

    private Responses() {
    }

    /** Status and the start of the body, for assertion messages. */
    public static String describe(Response response) {
        String body = response.asString();
        if (body.length() > BODY_IN_MESSAGES) {
            body = body.substring(0, BODY_IN_MESSAGES) + "...";
        }
        return "HTTP " + response.statusCode() + (body.isEmpty() ? "" : " " + body);
    }

    public static JsonNode json(Response response) {
        try {
            return Json.parse(response.asByteArray());
        } catch (IOException e) {
            throw new AssertionError("expected a JSON body, got " + describe(response), e);
        }
    }

    /** The codes of an OCI error body ({@code {"errors":[{"code":...}]}}), empty when the body is not one. */
    public static List<String> errorCodes(Response response) {
        List<String> codes = new ArrayList<>();
        try {
            JsonNode body = Json.parse(response.asByteArray());
            if (body != null) {
                codes.addAll(Json.texts(body.path("errors"), "code"));
            }
        } catch (IOException e) {
            // Not JSON, so no codes.
        }
        return codes;
    }

    public static String location(Response response) {
        String location = response.header("Location");
        assertThat(location).as("Location header of %s", describe(response)).isNotBlank();
        return location;
    }
}
