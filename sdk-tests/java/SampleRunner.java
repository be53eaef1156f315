// Runs the code view's Java samples, one after another in this one JVM.
//
// Usage: java SampleRunner CLASS=NAME ...; each CLASS is a sample compiled from the generator's
// output (its class renamed so many fit in one compilation). One JSON line per sample:
// {"name", "stdout", "error", "error_type"}.
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

public final class SampleRunner {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        PrintStream out = System.out;
        for (String arg : args) {
            String className = arg.substring(0, arg.indexOf('='));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("name", arg.substring(arg.indexOf('=') + 1));
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                Class.forName(className).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
                result.put("error", null);
            } catch (InvocationTargetException thrown) {
                result.put("error", String.valueOf(thrown.getCause()));
                result.put("error_type", thrown.getCause().getClass().getSimpleName());
            } finally {
                System.setOut(out);
            }
            result.put("stdout", captured.toString(StandardCharsets.UTF_8));
            out.println(json.writeValueAsString(result));
        }
    }
}
