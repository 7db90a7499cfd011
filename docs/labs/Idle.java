/* Idle.java: a plain JVM that prints its pid and waits, so that its address space can be inspected.
 * Run: java docs/labs/Idle.java [SECONDS]   (default 60; Java 11 and later run a single source file directly) */
public class Idle {
    public static void main(String[] args) throws InterruptedException {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        System.out.println("pid " + ProcessHandle.current().pid());
        Thread.sleep(seconds * 1000);
    }
}
