package dev.warden.localorg.apex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Streaming API as far as {@code sf apex get test} uses it: a Bayeux long-polling endpoint at
 * {@code /cometd/<version>} with handshake, connect, subscribe, unsubscribe and disconnect, and one channel,
 * {@code /systemTopic/TestResult}, on which every subscriber gets a message when an asynchronous test run changes
 * (a class finished, the run ended). The message carries the run's AsyncApexJob id as {@code sobject.Id}, which is
 * what apex-node's StreamingClient compares with the run it waits for; the rest of Salesforce's message shape is
 * UNCONFIRMED. No websocket transport, no other channels (subscribing to one is refused in Bayeux's words).
 */
final class TestResultStreaming {
    static final String CHANNEL = "/systemTopic/TestResult";
    /** How long a {@code /meta/connect} is held when nothing is to be delivered (Salesforce holds about 110 s). */
    private static final long HOLD_MILLIS = 20_000;

    private static final Map<Org, Map<String, Client>> CLIENTS = Collections.synchronizedMap(new WeakHashMap<>());

    /** Clients that have not polled for this long are forgotten (sf exits without a disconnect). */
    private static final long FORGET_MILLIS = 3 * HOLD_MILLIS;

    private record Client(LinkedBlockingQueue<Map<String, Object>> inbox, boolean[] subscribed, long[] lastSeen) {
        Client() {
            this(new LinkedBlockingQueue<>(), new boolean[1], new long[] {System.currentTimeMillis()});
        }
    }

    private TestResultStreaming() {}

    /** Tells the org's subscribers that the run {@code jobId} changed. */
    static void publish(Org org, String jobId, String createdDate) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "updated");
        event.put("createdDate", createdDate);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event", event);
        data.put("sobject", Map.of("Id", jobId));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("channel", CHANNEL);
        message.put("data", data);
        long now = System.currentTimeMillis();
        clients(org).values().removeIf(c -> now - c.lastSeen()[0] > FORGET_MILLIS);
        for (Client c : clients(org).values()) {
            if (c.subscribed()[0]) {
                c.inbox().add(message);
            }
        }
    }

    static Response handle(Request req) {
        JsonNode body = req.json();
        List<Map<String, Object>> replies = new ArrayList<>();
        Client waiting = null;
        for (JsonNode m : body.isArray() ? body : List.of(body)) {
            String channel = m.path("channel").asText("");
            String clientId = m.path("clientId").asText(null);
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("channel", channel);
            if (m.has("id")) {
                reply.put("id", m.path("id").asText());
            }
            Client client = clientId == null ? null : clients(req.org()).get(clientId);
            if (client != null) {
                client.lastSeen()[0] = System.currentTimeMillis();
            }
            switch (channel) {
                case "/meta/handshake" -> {
                    String id = UUID.randomUUID().toString().replace("-", "");
                    long now = System.currentTimeMillis();
                    clients(req.org()).values().removeIf(c -> now - c.lastSeen()[0] > FORGET_MILLIS);
                    clients(req.org()).put(id, new Client());
                    reply.put("version", "1.0");
                    reply.put("minimumVersion", "1.0");
                    reply.put("supportedConnectionTypes", List.of("long-polling"));
                    reply.put("clientId", id);
                    reply.put("successful", true);
                    reply.put("advice", advice("retry"));
                }
                case "/meta/connect", "/meta/subscribe", "/meta/unsubscribe", "/meta/disconnect" -> {
                    reply.put("clientId", clientId);
                    if (client == null) {
                        reply.put("successful", false);
                        reply.put("error", "403::Unknown client");
                        reply.put("advice", advice("handshake"));
                    } else if (channel.equals("/meta/connect")) {
                        reply.put("successful", true);
                        reply.put("advice", advice("retry"));
                        waiting = client;
                    } else if (channel.equals("/meta/disconnect")) {
                        clients(req.org()).remove(clientId);
                        reply.put("successful", true);
                    } else {
                        String subscription = m.path("subscription").asText("");
                        reply.put("subscription", subscription);
                        if (subscription.equals(CHANNEL)) {
                            client.subscribed()[0] = channel.equals("/meta/subscribe");
                            reply.put("successful", true);
                        } else {
                            reply.put("successful", false);
                            reply.put(
                                    "error",
                                    "400::The channel you requested to subscribe to does not exist"
                                            + " in the local org: " + subscription);
                        }
                    }
                }
                default -> throw new OrgException("INVALID_INPUT", "not a Bayeux meta channel: " + channel);
            }
            replies.add(reply);
        }
        if (waiting != null) {
            replies.addAll(0, await(waiting));
        }
        return Response.json(200, replies);
    }

    private static List<Map<String, Object>> await(Client client) {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            client.lastSeen()[0] = System.currentTimeMillis() + HOLD_MILLIS; // held, so not idle
            Map<String, Object> first = client.inbox().poll(HOLD_MILLIS, TimeUnit.MILLISECONDS);
            if (first != null) {
                out.add(first);
                client.inbox().drainTo(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static Map<String, Object> advice(String reconnect) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("reconnect", reconnect);
        a.put("interval", 0);
        a.put("timeout", HOLD_MILLIS + 10_000);
        return a;
    }

    private static Map<String, Client> clients(Org org) {
        return CLIENTS.computeIfAbsent(org, o -> new ConcurrentHashMap<>());
    }
}
