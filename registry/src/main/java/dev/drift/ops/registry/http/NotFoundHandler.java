package dev.drift.ops.registry.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The answer for paths outside every API, so they are logged and counted like any other request. */
public final class NotFoundHandler extends Handler.Abstract.NonBlocking {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        new Exchange(request, response, callback).status(404).sendText("Not Found");
        return true;
    }
}
