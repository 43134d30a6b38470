package dev.shuttle.internal.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Reading back what a test's JFR recording holds. */
final class RecordedEvents {
    private RecordedEvents() {}

    /** Stops the recording, dumps it to the file and reads back the events of one type. */
    static List<RecordedEvent> stopAndRead(Recording recording, Path file, String type) throws IOException {
        recording.stop();
        recording.dump(file);
        return RecordingFile.readAllEvents(file).stream().filter(e -> e.getEventType().getName().equals(type)).toList();
    }

    /** {@return how many of the events give each reason, in the order of the reasons} */
    static Map<String, Long> countByReason(List<RecordedEvent> events) {
        return events.stream().collect(Collectors.groupingBy(e -> e.getString("reason"), TreeMap::new, Collectors.counting()));
    }
}
