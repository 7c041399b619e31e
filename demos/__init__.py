"""Demo programs run as child processes; they speak `protocol` on stdout."""
