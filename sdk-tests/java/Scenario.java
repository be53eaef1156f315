// The gateway scenario with openai-java: what a service does with its threads, through Spool.
//
// Reads SPOOL_BASE_URL (Spool's /v1, or any Assistants-compatible server) and SPOOL_API_KEY, plus
// SPOOL_SDK_RUN (a tag put in the thread's metadata) and SPOOL_SDK_SKIP (checks the server cannot
// answer yet, comma-separated). Prints one JSON line per check; exits 1 if any check failed.
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.beta.threads.Thread;
import com.openai.models.beta.threads.ThreadCreateParams;
import com.openai.models.beta.threads.ThreadDeleted;
import com.openai.models.beta.threads.ThreadUpdateParams;
import com.openai.models.beta.threads.messages.Message;
import com.openai.models.beta.threads.messages.MessageContent;
import com.openai.models.beta.threads.messages.MessageContentPartParam;
import com.openai.models.beta.threads.messages.MessageListParams;
import com.openai.models.beta.threads.messages.TextContentBlockParam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

public final class Scenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SKIP = Set.copyOf(Arrays.asList(System.getenv().getOrDefault("SPOOL_SDK_SKIP", "").split(",")));
    private static boolean failed = false;

    private static void report(String check, boolean ok, String detail, Map<String, Object> extra) throws Exception {
        Map<String, Object> line = new LinkedHashMap<>(Map.of("check", check, "ok", ok, "detail", detail));
        line.putAll(extra);
        System.out.println(JSON.writeValueAsString(line));
        failed = failed || !ok;
    }

    private static boolean skipped(String check) throws Exception {
        if (SKIP.contains(check)) System.out.println(JSON.writeValueAsString(Map.of("check", check, "skipped", true)));
        return SKIP.contains(check);
    }

    /** Metadata as plain strings, whichever model class it came in. */
    private static Map<String, String> strings(Map<String, JsonValue> properties) {
        Map<String, String> out = new TreeMap<>();
        properties.forEach((key, value) -> out.put(key, String.valueOf(value.asString().orElse("<not a string>"))));
        return out;
    }

    private static Map<String, String> metadataOf(Thread thread) {
        return thread.metadata().map(m -> strings(m._additionalProperties())).orElse(Map.of());
    }

    public static void main(String[] args) throws Exception {
        String run = System.getenv().getOrDefault("SPOOL_SDK_RUN", "manual");
        // A service changes only the two builder calls .baseUrl and .apiKey to record its threads in Spool:
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(System.getenv("SPOOL_BASE_URL")) // Spool's /v1, e.g. https://spool.example.com/v1
                .apiKey(System.getenv("SPOOL_API_KEY")) // a Spool key: npm run keys -- create
                .build();
        Map<String, String> metadata = new TreeMap<>(Map.of("sdk", "java", "run", run));

        ThreadCreateParams.Metadata.Builder createMetadata = ThreadCreateParams.Metadata.builder();
        metadata.forEach((key, value) -> createMetadata.putAdditionalProperty(key, JsonValue.from(value)));
        Thread thread = client.beta().threads().create(ThreadCreateParams.builder()
                .addMessage(ThreadCreateParams.Message.builder()
                        .role(ThreadCreateParams.Message.Role.USER)
                        .content("Hello from the Java SDK")
                        .build())
                .addMessage(ThreadCreateParams.Message.builder()
                        .role(ThreadCreateParams.Message.Role.USER)
                        .contentOfArrayOfContentParts(List.of(
                                MessageContentPartParam.ofText(TextContentBlockParam.builder().text("second").build())))
                        .build())
                .metadata(createMetadata.build())
                .build());
        report("create", thread.id().startsWith("thread_") && metadataOf(thread).equals(metadata),
                thread.id() + " " + metadataOf(thread), Map.of("thread_id", thread.id()));

        Thread fetched = client.beta().threads().retrieve(thread.id());
        report("retrieve", fetched.id().equals(thread.id()) && metadataOf(fetched).equals(metadata),
                fetched.id() + " " + metadataOf(fetched), Map.of());

        Map<String, String> updatedMetadata = new TreeMap<>(metadata);
        updatedMetadata.put("stage", "updated");
        ThreadUpdateParams.Metadata.Builder updateMetadata = ThreadUpdateParams.Metadata.builder();
        updatedMetadata.forEach((key, value) -> updateMetadata.putAdditionalProperty(key, JsonValue.from(value)));
        Thread updated = client.beta().threads().update(thread.id(),
                ThreadUpdateParams.builder().metadata(updateMetadata.build()).build());
        report("update_metadata", metadataOf(updated).equals(updatedMetadata), metadataOf(updated).toString(), Map.of());

        if (!skipped("list_messages")) {
            List<Message> messages = client.beta().threads().messages()
                    .list(thread.id(), MessageListParams.builder().order(MessageListParams.Order.ASC).build()).data();
            List<String> texts = new ArrayList<>();
            List<String> roles = new ArrayList<>();
            for (Message message : messages) {
                roles.add(message.role().asString());
                for (MessageContent part : message.content()) part.text().ifPresent(text -> texts.add(text.text().value()));
            }
            report("list_messages", texts.equals(List.of("Hello from the Java SDK", "second")) && roles.equals(List.of("user", "user")),
                    roles + " " + texts, Map.of());
        }

        ThreadDeleted deleted = client.beta().threads().delete(thread.id());
        boolean gone;
        try {
            client.beta().threads().retrieve(thread.id());
            gone = false;
        } catch (NotFoundException expected) {
            gone = true;
        }
        report("delete", deleted.deleted() && deleted.id().equals(thread.id()) && gone,
                "deleted=" + deleted.deleted() + ", 404 afterwards=" + gone, Map.of());

        if (!skipped("wrong_key")) {
            OpenAIClient wrong = OpenAIOkHttpClient.builder()
                    .baseUrl(System.getenv("SPOOL_BASE_URL")).apiKey("spool-sdk-test-wrong-key").maxRetries(0).build();
            try {
                Thread made = wrong.beta().threads().create(ThreadCreateParams.builder().metadata(createMetadata.build()).build());
                report("wrong_key", false, "created " + made.id() + " with a wrong key", Map.of());
            } catch (UnauthorizedException error) {
                report("wrong_key", error.statusCode() == 401, "UnauthorizedException " + error.statusCode(), Map.of());
            }
        }

        try {
            Thread made = client.beta().threads().create(ThreadCreateParams.builder()
                    .addMessage(ThreadCreateParams.Message.builder()
                            .role(ThreadCreateParams.Message.Role.of("system"))
                            .content("not a thread role")
                            .build())
                    .metadata(createMetadata.build())
                    .build());
            report("invalid_body", false, "created " + made.id() + " with role 'system'", Map.of());
        } catch (BadRequestException error) {
            String param = error.param().orElse("");
            boolean named = (param + " " + error.getMessage()).contains("role");
            report("invalid_body", error.statusCode() == 400 && named,
                    "BadRequestException param=" + param + ": " + error.getMessage(), Map.of());
        }

        System.exit(failed ? 1 : 0);
    }
}
