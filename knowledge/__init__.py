"""Knowledge base data: entries/ (topics) and workloads/ (compute catalogue)."""
