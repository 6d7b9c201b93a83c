import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.springframework.boot.SpringApplicationAotProcessor;

/**
 * Spring AOT for target/dist, run by `mvn package` (profile dist in the pom) on the JDK the build
 * selected: what spring-boot:process-aot does, except that the generated sources are compiled here,
 * on that JDK. The plugin compiles them with the JDK Maven itself runs on, which may be older than
 * the Java 21 the lab is compiled for (here it is 17, and the build fails).
 *
 * <p>Generates the bean definitions of the application context (sources) and the CGLIB classes
 * Spring would otherwise generate at start-up, compiles the sources, and puts both into
 * target/classes, so the jar carries them. They are used only with -Dspring.aot.enabled=true (the
 * dist's launcher and the image set it); a plain `java -jar` ignores them.
 *
 * <p>Arguments: main class, target folder, group id, artifact id; the class path is this JVM's.
 */
public class SpringAotBuild {

    public static void main(String[] args) throws Exception {
        String mainClass = args[0];
        Path target = Path.of(args[1]);
        Path aot = target.resolve("spring-aot/main");
        Path sources = aot.resolve("sources");
        Path classes = target.resolve("classes");
        SpringApplicationAotProcessor.main(new String[] {mainClass, sources.toString(), aot.resolve("resources").toString(),
                aot.resolve("classes").toString(), args[2], args[3]});
        copyTree(aot.resolve("classes"), classes);
        List<String> javac = new ArrayList<>(List.of("-d", classes.toString(), "--release", "21", "-proc:none",
                "-nowarn", "-encoding", "UTF-8", "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).map(Path::toString).forEach(javac::add);
        }
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, javac.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed on the Spring AOT sources in " + sources);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                Path copy = to.resolve(from.relativize(file).toString());
                try {
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
