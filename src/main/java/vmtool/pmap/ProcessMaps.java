package vmtool.pmap;

import java.util.List;

import vmtool.model.Mapping;
import vmtool.model.ProcessInfo;

/** One process and its mappings, read once: what every renderer works from. */
public record ProcessMaps(ProcessInfo process, List<Mapping> mappings) {
    public ProcessMaps {
        mappings = List.copyOf(mappings);
    }
}
